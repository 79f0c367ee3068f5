"""Dated legal parameters become data (support.ParameterValue), recorded by a platform
administrator; this migration records the values the code carried until now, with their sources,
and the net SMIC on 1 January 2026. The RSA from 1 April 2026 is not known yet: estimates after
that date warn until an administrator records it."""

from datetime import date
from decimal import Decimal

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

LEGIFRANCE_RSA = "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006074069"  # CASF, D. 262-3
SERVICE_PUBLIC_SMIC = "https://www.service-public.fr/particuliers/vosdroits/F2300"

# (parameter, start date, value, source, source URL): the values known at this release.
SEED = (
    (
        "rsa_single_person",
        date(2023, 4, 1),
        "607.75",
        "CASF D. 262-3 — revalorisation du 1er avril 2023 (concorde avec l'AUU publiée pour "
        "2023 : 243,10 € à 607,75 €)",
        LEGIFRANCE_RSA,
    ),
    (
        "rsa_single_person",
        date(2024, 4, 1),
        "635.71",
        "CASF D. 262-3 — revalorisation du 1er avril 2024 (to verify)",
        LEGIFRANCE_RSA,
    ),
    (
        "rsa_single_person",
        date(2025, 4, 1),
        "646.52",
        "CASF D. 262-3 — revalorisation du 1er avril 2025 (concorde avec l'AUU publiée en "
        "novembre 2025 : 258,61 € à 646,52 €)",
        LEGIFRANCE_RSA,
    ),
    (
        "net_monthly_smic",
        date(2023, 1, 1),
        "1353.07",
        "SMIC au 1er janvier 2023 (to verify)",
        SERVICE_PUBLIC_SMIC,
    ),
    (
        "net_monthly_smic",
        date(2024, 1, 1),
        "1398.69",
        "SMIC au 1er janvier 2024 (to verify)",
        SERVICE_PUBLIC_SMIC,
    ),
    (
        "net_monthly_smic",
        date(2025, 1, 1),
        "1426.30",
        "SMIC au 1er janvier 2025 (publié : 0,5 SMIC = 713,15 €, 1,5 SMIC = 2 139,45 €)",
        SERVICE_PUBLIC_SMIC,
    ),
    (
        "net_monthly_smic",
        date(2026, 1, 1),
        "1443.11",
        "SMIC au 1er janvier 2026 (brut horaire 12,02 €, brut mensuel 1 823,03 €, +1,18 % ; "
        "sources concordantes)",
        SERVICE_PUBLIC_SMIC,
    ),
)


def record_known_values(apps, schema_editor=None):
    """Idempotent: also puts the values back after a test flushed the tables."""
    parameter_value = apps.get_model("support", "ParameterValue")
    for parameter, valid_from, value, source, url in SEED:
        parameter_value.objects.get_or_create(
            parameter=parameter,
            valid_from=valid_from,
            defaults={"value": Decimal(value), "source": source, "source_url": url},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0002_shelter_request_arrangements"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ParameterValue",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "parameter",
                    models.CharField(
                        choices=[
                            ("rsa_single_person", "RSA montant forfaitaire (personne seule)"),
                            ("net_monthly_smic", "SMIC net mensuel au 1er janvier"),
                        ],
                        max_length=40,
                        verbose_name="paramètre",
                    ),
                ),
                ("valid_from", models.DateField(verbose_name="en vigueur à partir du")),
                (
                    "value",
                    models.DecimalField(
                        decimal_places=2, max_digits=10, verbose_name="montant (€)"
                    ),
                ),
                ("source", models.CharField(max_length=300, verbose_name="source (texte)")),
                (
                    "source_url",
                    models.URLField(
                        blank=True, max_length=500, verbose_name="source (adresse web)"
                    ),
                ),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "recorded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["parameter", "-valid_from"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("parameter", "valid_from"),
                        name="one_parameter_value_per_start_date",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("value__gt", 0)), name="parameter_value_positive"
                    ),
                ],
            },
        ),
        migrations.RunPython(record_known_values, migrations.RunPython.noop),
    ]
