"""`egide check` refuses to start with an instrument file that fails its checksum or schema."""

from django.core import checks

from .instruments import InstrumentError, catalogue


def instruments_are_intact(app_configs, **kwargs):
    catalogue.cache_clear()
    try:
        catalogue()
    except (InstrumentError, OSError, ValueError) as error:
        return [checks.Error(str(error), id="assessment.E001")]
    return []


def register():
    checks.register(instruments_are_intact)
