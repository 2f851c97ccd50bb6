"""`Authorization: Bearer <token>` for the API's token endpoints (accounts.ApiToken). A header
that is there but wrong answers 401: a partner's misconfigured token must not silently be
treated as anonymous."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed

from accounts.tokens import api_token_authenticate

MAX_TOKEN_LENGTH = 200


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        scheme, _space, raw = header.partition(" ")
        raw = raw.strip()
        if scheme.lower() != "bearer" or not raw or len(raw) > MAX_TOKEN_LENGTH:
            raise AuthenticationFailed(_("Send the token as “Authorization: Bearer <token>”."))
        token = api_token_authenticate(
            raw=raw, method=request.method, path=request.path, request=request._request
        )
        if token is None:
            raise AuthenticationFailed(_("This token is unknown, expired or revoked."))
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": _("An API token from staff.")}
