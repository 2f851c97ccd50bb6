"""The request plumbing of account security: which address a request comes from, and the
two-factor gate in front of the staff workspace and the admin."""

from __future__ import annotations

import ipaddress
import time

from django.apps import apps
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.shortcuts import redirect
from django_otp import user_has_device
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from core.compiled_queries import KeyLookup

# The pages a staff member reaches only after the second factor, when it is required or set up.
TWO_FACTOR_GUARDED_NAMESPACES = ("workspace", "admin")
# Whether the signed-in person has a second factor, noted in the session at sign-in (and when
# they turn it on or off) so that the gate costs no query per page.
HAS_DEVICE_SESSION_KEY = "two_factor_has_device"


def remember_device(request: HttpRequest, user) -> bool:
    has_device = user_has_device(user)
    request.session[HAS_DEVICE_SESSION_KEY] = has_device
    return has_device


def client_ip(request: HttpRequest | None) -> str | None:
    """The visitor's address. Behind TRUSTED_PROXY_COUNT proxies (nginx appends to
    X-Forwarded-For) it is the entry the outermost of ours added; anything further left was
    written by the client and may be forged, so it is never trusted."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


# When this staff session began and was last seen (time.time()), for the idle and absolute limits.
STAFF_SESSION_STARTED_KEY = "staff_session_started"
STAFF_SESSION_SEEN_KEY = "staff_session_seen"
# The last-seen time is written at most this often: not a session save on every page.
STAFF_SESSION_SEEN_RESOLUTION = 60


def staff_session_begin(request: HttpRequest) -> None:
    """At sign-in: the clock of the idle and absolute limits starts (and costs no later write)."""
    now = time.time()
    request.session[STAFF_SESSION_STARTED_KEY] = now
    request.session[STAFF_SESSION_SEEN_KEY] = now


def _staff_session_expired(request: HttpRequest) -> bool:
    """Staff sessions end after STAFF_SESSION_IDLE_SECONDS without a request and at the latest
    STAFF_SESSION_MAX_SECONDS after they began, however busy."""
    user = getattr(request, "user", None)
    if user is None or not (user.is_authenticated and user.is_staff):
        return False
    now = time.time()
    session = request.session
    started = session.setdefault(STAFF_SESSION_STARTED_KEY, now)
    seen = session.get(STAFF_SESSION_SEEN_KEY, now)
    if now - seen > settings.STAFF_SESSION_IDLE_SECONDS:
        return True
    if now - started > settings.STAFF_SESSION_MAX_SECONDS:
        return True
    if now - seen >= STAFF_SESSION_SEEN_RESOLUTION or STAFF_SESSION_SEEN_KEY not in session:
        session[STAFF_SESSION_SEEN_KEY] = now
    return False


class SecurityMiddleware:
    """Keeps staff who must use a second factor (STAFF_REQUIRE_2FA, or because they turned it
    on) out of the workspace and the admin until this session has passed it. Goes after
    django_otp's OTPMiddleware, which says whether it has. (The request security events need is
    remembered once for all, by core.middleware.RequestIdMiddleware.)"""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in; asking would mark the session read and
        # add `Vary: Cookie`, which keeps public pages out of the page cache.
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if has_session and _staff_session_expired(request):
            logout(request)
            return redirect_to_login(request.get_full_path())
        response = self.get_response(request)
        if has_session and request.user.is_authenticated:
            # A signed-in page or export is for this person only: no browser or proxy keeps it.
            response["Cache-Control"] = "private, no-store"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace not in TWO_FACTOR_GUARDED_NAMESPACES:
            return None
        user = request.user
        if not (user.is_authenticated and user.is_staff) or user.is_verified():
            return None
        has_device = request.session.get(HAS_DEVICE_SESSION_KEY)
        if has_device is None:
            has_device = remember_device(request, user)
        if has_device:
            return redirect_to_login(request.get_full_path(), "accounts:two_factor_verify")
        if settings.STAFF_REQUIRE_2FA:
            return redirect("accounts:two_factor")
        return None


class DeviceMiddleware(OTPMiddleware):
    """django_otp's OTPMiddleware (which says whether this session passed the second factor),
    reading the session's device with SQL built once per connection (core.compiled_queries):
    it runs on every staff request, and building the query cost more than running it."""

    def _device_from_persistent_id(self, persistent_id: str):
        # What Device.from_persistent_id answers (the device, or None for any id that names
        # none), through a compiled lookup per device model.
        persistent_id = self._normalize_persistent_id(persistent_id)
        try:
            model_label, device_id = persistent_id.rsplit("/", 1)
            model = apps.get_model(model_label)
        except (ValueError, LookupError):
            return None
        if not issubclass(model, Device):
            return None
        lookup = _DEVICE_LOOKUPS.get(model)
        if lookup is None:
            lookup = _DEVICE_LOOKUPS[model] = KeyLookup(lambda: model._default_manager.all())
        return lookup.get(device_id)


_DEVICE_LOOKUPS: dict[type, KeyLookup] = {}
