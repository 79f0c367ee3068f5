"""The second factor: a TOTP device per user, and single-use recovery codes as a fallback."""

import base64
from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
TOTP_CODE_LENGTH = 6
DEVICE_NAME = "default"


class Throttled(Exception):
    """Too many wrong codes in a row: django-otp makes the user wait before the next try."""


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_totp_device(user) -> TOTPDevice:
    """The device being enrolled: kept across page reloads so the QR code does not change."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def provisioning_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// URL as an SVG QR code, inline: the CSP forbids external images."""
    svg = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.to_string()).decode("ascii")


def readable_secret(device: TOTPDevice) -> str:
    """The base32 key in groups of four, for users who cannot scan the QR code."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def verify(user, code: str):
    """The device that accepts `code` (a TOTP code or a recovery code), or None.

    A six-digit code is only tried on the TOTP device and anything else only as a recovery code,
    so one typo does not throttle both. Raises Throttled while the device makes the user wait.
    """
    code = normalise(code)
    if len(code) == TOTP_CODE_LENGTH and code.isdigit():
        device = confirmed_totp_device(user)
    else:
        device = StaticDevice.objects.devices_for_user(user, confirmed=True).first()
    if device is None:
        return None
    if not device.verify_is_allowed()[0]:
        raise Throttled
    return django_otp.verify_token(user, device.persistent_id, code)


def confirm_enrolment(device: TOTPDevice, code: str) -> bool:
    """Confirms the pending device if `code` comes from the user's authenticator app."""
    if not device.verify_token(normalise(code)):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return True


def issue_recovery_codes(user) -> list[str]:
    """Replaces the user's recovery codes with a fresh set; shown to the user once."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remove_devices(user) -> None:
    """Forgets every second factor of `user`, who enrols again at the next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def lift_throttling(user) -> None:
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )
