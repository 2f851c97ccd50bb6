import datetime

from django.db import connection
from django.utils import timezone

from accounts.models import ApiToken
from accounts.tokens import api_token_create
from tests.factories.accounts import UserFactory


def api_token(*, scopes=None, user=None, days: int = 30, **fields) -> tuple[ApiToken, str]:
    """A token of a staff member (or `user`) and its raw value."""
    user = user or UserFactory(is_staff=True)
    return api_token_create(
        user=user,
        name=fields.pop("name", "Partner sync"),
        scopes=list(scopes if scopes is not None else ApiToken.Scope.values),
        expires_at=timezone.now() + datetime.timedelta(days=days),
        created_by=fields.pop("created_by", user),
        **fields,
    )


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def token_queries() -> int:
    """The queries a token's first request in a minute costs: the token with its person and the
    use's trail entry (one statement on PostgreSQL, accounts.tokens), and its last use."""
    return 2 if connection.vendor == "postgresql" else 3
