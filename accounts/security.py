"""The request plumbing of account security: which address a request comes from, and the
two-factor gate in front of the staff workspace and the admin."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.shortcuts import redirect
from django_otp import user_has_device

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


class SecurityMiddleware:
    """Keeps staff who must use a second factor (STAFF_REQUIRE_2FA, or because they turned it
    on) out of the workspace and the admin until this session has passed it. Goes after
    django_otp's OTPMiddleware, which says whether it has. (The request security events need is
    remembered once for all, by core.middleware.RequestIdMiddleware.)"""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

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
