"""Which token may call which endpoint: each token view names the scope each method needs
(`required_scopes`); the token's person must still be program staff, so a token never grants
more than its owner has."""

from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission

from accounts.models import ApiToken


class TokenScopes(BasePermission):
    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False  # DRF answers 401 when no token was sent
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        scope = view.required_scopes.get(method)
        if scope is None or not token.allows(scope):
            self.message = _("This token does not have the scope “%(scope)s”.") % {
                "scope": scope or method
            }
            return False
        if not request.user.is_staff:
            self.message = _("The token's owner is no longer program staff.")
            return False
        return True
