"""Two-factor sign-in with django-otp: an authenticator app (TOTP) and ten single-use recovery
codes, shown once when the app is set up. Every change is a security event."""

from __future__ import annotations

import io

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecurityEvent, User
from accounts.services import security_event_record

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "authenticator"


def totp_device_for_setup(*, user: User) -> TOTPDevice:
    """The device being set up: an unconfirmed one, kept across page loads so the QR code
    scanned a minute ago still matches."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def totp_qr_svg(*, device: TOTPDevice) -> bytes:
    """The provisioning link as an SVG QR code, with no style attributes (the CSP forbids them)."""
    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(out, kind="svg", xmldecl=False, scale=4, border=2)
    return out.getvalue()


def two_factor_is_on(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def two_factor_enable(*, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the app with a code it shows; returns the recovery codes (stored for checking,
    shown to the person only this once). Ends every session of the account: the caller keeps
    its own with update_session_auth_hash."""
    user = device.user  # the caller's instance (request.user): it learns the new session epoch
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed or not device.verify_token(token.strip()):
        raise ValidationError(
            _("That code is not right. Check the time on your phone and try again.")
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=device.user).delete()
    recovery = StaticDevice.objects.create(user=device.user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    # A session signed in with the password alone must not keep its access.
    user.sessions_end()
    security_event_record(kind=SecurityEvent.Kind.TWO_FACTOR_ENABLED, user=device.user)
    return codes


def two_factor_verify(*, user: User, token: str) -> Device | None:
    """The device that accepts this code (the app's current code or an unused recovery code),
    or None. Each device counts failures and slows down guessing (django-otp's throttling)."""
    token = token.strip().replace(" ", "")
    for device in devices_for_user(user):
        if _verify(device, token):
            if isinstance(device, StaticDevice):
                remaining = device.token_set.count()
                security_event_record(
                    kind=SecurityEvent.Kind.RECOVERY_CODE_USED,
                    user=user,
                    actor=user,
                    details={"remaining": remaining},
                )
            return device
    security_event_record(kind=SecurityEvent.Kind.TWO_FACTOR_FAILED, user=user, actor=user)
    return None


def _verify(device: Device, token: str) -> bool:
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        return locked.verify_token(token)


@transaction.atomic
def two_factor_disable(*, user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    security_event_record(kind=SecurityEvent.Kind.TWO_FACTOR_DISABLED, user=user)
