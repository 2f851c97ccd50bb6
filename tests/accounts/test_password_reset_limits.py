"""Password reset: equal work for known and unknown addresses (the answer time told them apart),
and a limit per address and per client (25 resets in 10 s sent 25 emails)."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outbox.models import OutboxMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def reset(client: Client, email: str):
    return client.post(reverse("accounts:password_reset"), {"email": email})


def test_known_and_unknown_addresses_cost_the_same_queries(client):
    UserFactory(email="known@example.org")

    with CaptureQueriesContext(connection) as known:
        reset(client, "known@example.org")
    with CaptureQueriesContext(connection) as unknown:
        reset(client, "nobody@example.org")

    assert len(known.captured_queries) == len(unknown.captured_queries)
    assert mail.outbox == []  # nothing is sent in the request: the outbox task sends


def test_resets_of_one_address_are_limited(client, settings, django_capture_on_commit_callbacks):
    UserFactory(email="known@example.org")
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 100

    with django_capture_on_commit_callbacks(execute=True):
        answers = {reset(client, "known@example.org")["Location"] for _ in range(25)}

    assert answers == {reverse("accounts:password_reset_done")}
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_ADDRESS == 3


def test_resets_from_one_client_are_limited(client, settings):
    for number in range(15):
        reset(client, f"person{number}@example.org")

    assert OutboxMessage.objects.count() == settings.PASSWORD_RESET_LIMIT_PER_CLIENT == 10


def test_another_client_may_still_ask_for_its_own_address(settings):
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 1
    reset(Client(REMOTE_ADDR="10.0.0.1"), "a@example.org")

    reset(Client(REMOTE_ADDR="10.0.0.2"), "b@example.org")

    assert sorted(OutboxMessage.objects.values_list("recipient", flat=True)) == [
        "a@example.org",
        "b@example.org",
    ]


def test_reset_for_the_account_whatever_the_spelling_goes_to_the_account(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        reset(client, " Known@EXAMPLE.org ")

    assert [m.to for m in mail.outbox] == [["known@example.org"]]


def test_a_lookalike_spelling_gets_no_reset_link(client, django_capture_on_commit_callbacks):
    UserFactory(email="victim@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        reset(client, "vıctım@example.org")

    assert mail.outbox == []
