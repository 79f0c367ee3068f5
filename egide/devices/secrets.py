"""Device intake secrets: issued, rotated with an overlap window, revoked at once.

A secret is 32 random bytes shown once (to the installer, on the provisioning page); only its
SHA-256 is stored. Rotation issues a new secret while the previous one keeps working for
`EGIDE_DEVICE_SECRET_OVERLAP_H` hours, the time to update the device; revocation (a lost or
stolen device) issues a new secret and ends the previous one at once. Both are audited. A lost
device accepts no secret at all. Intake caches what it reads here for one second at most
(`monitoring.intake.SECRET_CACHE_S`), so a revocation is effective within a second on every
worker.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.services import record

from .choices import DeviceStatus
from .models import Device

SECRET_FIELDS = (
    "device_id",
    "status",
    "intake_secret_hash",
    "previous_secret_hash",
    "previous_secret_until",
)


def intake_secret_hash(secret: str) -> str:
    # The secret is 32 random bytes: a plain SHA-256 cannot be brute-forced.
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> tuple[str, str]:
    """A fresh secret and its hash."""
    secret = secrets.token_urlsafe(32)
    return secret, intake_secret_hash(secret)


def accepted_secret_hashes(device: Device, now=None) -> tuple[str, ...]:
    """The hashes of the secrets `device` may report with now: none if it is lost."""
    if device.status == DeviceStatus.LOST:
        return ()
    now = now or timezone.now()
    hashes = (device.intake_secret_hash,)
    if (
        device.previous_secret_hash
        and device.previous_secret_until
        and now < (device.previous_secret_until)
    ):
        hashes += (device.previous_secret_hash,)
    return hashes


@transaction.atomic
def rotate(actor: Actor, device: Device) -> str:
    """A new secret; the current one keeps working during the overlap window. -> the secret."""
    device = Device.objects.select_for_update().get(pk=device.pk)
    secret, digest = new_secret()
    now = timezone.now()
    device.previous_secret_hash = device.intake_secret_hash
    device.previous_secret_until = now + timedelta(hours=settings.EGIDE_DEVICE_SECRET_OVERLAP_H)
    device.intake_secret_hash, device.secret_changed_at = digest, now
    device.save(update_fields=[*SECRET_FIELDS[2:], "secret_changed_at"])
    record(actor, Action.UPDATE, device, fields=["intake_secret"], reason="rotation")
    return secret


@transaction.atomic
def revoke(actor: Actor, device: Device) -> str:
    """Every current secret refused from now on (lost or stolen device); -> the new secret,
    for when the device is back in hand."""
    device = Device.objects.select_for_update().get(pk=device.pk)
    secret, digest = new_secret()
    device.intake_secret_hash, device.secret_changed_at = digest, timezone.now()
    device.previous_secret_hash, device.previous_secret_until = "", None
    device.save(update_fields=[*SECRET_FIELDS[2:], "secret_changed_at"])
    record(actor, Action.UPDATE, device, fields=["intake_secret"], reason="revocation")
    return secret
