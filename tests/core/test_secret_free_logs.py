"""Reset and invitation tokens never reach the logs: the request log writes the route of a
URL that carries a secret, not the URL; nginx's access log masks them the same way."""

import json
import logging
from pathlib import Path

import pytest
from django.urls import reverse

from core.logging import JsonFormatter
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db

NGINX_CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"


def logged_lines(caplog) -> list[str]:
    formatter = JsonFormatter()
    return [formatter.format(r) for r in caplog.records if r.name == "talents.requests"]


def test_a_reset_link_is_logged_as_its_route(client, caplog):
    url = reverse("accounts:password_reset_confirm", args=["NQ", "secret-reset-token-123"])

    with caplog.at_level(logging.INFO, logger="talents.requests"):
        client.get(url)

    lines = logged_lines(caplog)
    assert lines
    assert not any("secret-reset-token-123" in line or "/NQ/" in line for line in lines)
    assert json.loads(lines[0])["path"] == "/accounts/password-reset/<uidb64>/<token>/"


def test_an_invitation_link_is_logged_as_its_route(client, caplog):
    InvitationFactory(token="secret-invitation-token")

    with caplog.at_level(logging.INFO, logger="talents.requests"):
        client.get(reverse("accounts:invitation_accept", args=["secret-invitation-token"]))

    lines = logged_lines(caplog)
    assert lines
    assert not any("secret-invitation-token" in line for line in lines)


def test_other_paths_are_logged_as_they_are(client, caplog):
    with caplog.at_level(logging.INFO, logger="talents.requests"):
        client.get("/en/films/")

    assert json.loads(logged_lines(caplog)[0])["path"] == "/en/films/"


def test_nginx_logs_masked_secret_paths():
    conf = NGINX_CONF.read_text()

    assert "access_log" in conf
    assert "$loggable_uri" in conf
    assert "password-reset|invitations" in conf
