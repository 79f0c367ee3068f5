"""`check --deploy` refuses to pass without usable field-encryption keys."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from .keyring import parse_keys


@register(Tags.security, deploy=True)
def field_keys_configured(app_configs, **kwargs):
    try:
        parse_keys(settings.FIELD_ENCRYPTION_KEYS)
    except (ImproperlyConfigured, ValueError) as exc:
        return [Error(f"EGIDE_FIELD_KEYS is unusable: {exc}", id="egide.E001")]
    return []
