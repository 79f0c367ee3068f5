# One name for the élection de domicile across the codebase: the case's field takes the name
# the justice measure already uses (election_of_domicile).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_case_notes"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="case", name="case_hidden_address_has_election"),
        migrations.RenameField(
            model_name="case", old_name="address_election", new_name="election_of_domicile"
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("address_hidden", False),
                    models.Q(("election_of_domicile", ""), _negated=True),
                    _connector="OR",
                ),
                name="case_hidden_address_has_election",
            ),
        ),
    ]
