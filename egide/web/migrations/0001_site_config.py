"""The DSFR site configuration (title, institution, accessibility status) in French and English."""

from django.db import migrations

SITE_CONFIGS = {
    "fr": {
        "site_title": "Égide",
        "site_tagline": "Protection des victimes de violences conjugales",
    },
    "en": {
        "site_title": "Égide",
        "site_tagline": "Protecting victims of intimate-partner violence",
    },
}


def create_site_configs(apps, schema_editor):
    DsfrConfig = apps.get_model("dsfr", "DsfrConfig")
    for language, texts in SITE_CONFIGS.items():
        DsfrConfig.objects.update_or_create(
            language=language,
            defaults={**texts, "accessibility_status": "PART"},
        )


class Migration(migrations.Migration):
    dependencies = [("dsfr", "0012_dsfrconfig_notice_description_and_more")]

    operations = [migrations.RunPython(create_site_configs, migrations.RunPython.noop)]
