"""The second-factor state of a session is read on every staff request through
accounts.security.DeviceMiddleware, django_otp's middleware with a precompiled device query:
it answers what django_otp's own does, for good ids and for every kind of bad one."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.security import DeviceMiddleware
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def verified(middleware_class, user, persistent_id):
    request = RequestFactory().get("/en/workspace/")
    request.user = user
    request.session = SessionStore()
    if persistent_id is not None:
        request.session[DEVICE_ID_SESSION_KEY] = persistent_id
    middleware_class(lambda request: None)(request)
    return request.user.is_verified(), request.user.otp_device


@pytest.mark.parametrize("device_model", [TOTPDevice, StaticDevice])
def test_a_session_that_passed_with_a_device_is_verified_in_one_query(
    device_model, django_assert_num_queries
):
    user = UserFactory(is_staff=True)
    device = device_model.objects.create(user=user, name="phone", confirmed=True)

    with django_assert_num_queries(1):
        is_verified, found = verified(DeviceMiddleware, user, device.persistent_id)

    assert is_verified is True
    assert (type(found), found.pk, found.name) == (device_model, device.pk, "phone")


def test_a_device_removed_since_unverifies_the_session():
    user = UserFactory(is_staff=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    persistent_id = device.persistent_id
    device.delete()

    assert verified(DeviceMiddleware, user, persistent_id) == (False, None)


def test_another_persons_device_does_not_verify_the_session():
    user = UserFactory(is_staff=True)
    device = TOTPDevice.objects.create(user=UserFactory(), name="theirs", confirmed=True)

    assert verified(DeviceMiddleware, user, device.persistent_id) == (False, None)


@pytest.mark.parametrize(
    "persistent_id",
    [
        None,
        "nonsense",
        "otp_totp.totpdevice/not-a-number",
        "otp_totp.totpdevice/",
        "no_such_app.device/1",
        "otp_totp/1",
    ],
)
def test_every_bad_device_id_answers_as_django_otp_does(persistent_id):
    user = UserFactory(is_staff=True)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

    ours = verified(DeviceMiddleware, user, persistent_id)

    assert ours == verified(OTPMiddleware, user, persistent_id) == (False, None)


def test_a_model_that_is_not_a_device_is_no_device():
    # django_otp's own middleware fails on this one (its lookup answers None, then calls
    # .first() on it); the session is written by the server only, so it is a guard, not a fix.
    user = UserFactory(is_staff=True)

    assert verified(DeviceMiddleware, user, f"accounts.user/{user.pk}") == (False, None)
