"""The open call's webhook events (calls/services/events.py): an application submitted and a
decision sent each write a delivery for every subscribed endpoint in the transaction of the
change (none when it is refused or rolled back), with ids and slugs and no personal data."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from calls.models import Application
from calls.services.applications import (
    application_file_store,
    application_save,
    application_start,
    application_submit,
)
from calls.services.selection import application_decide, decisions_send, offer_decline
from tests.factories import UserFactory, pdf_bytes
from tests.factories.calls import ApplicationFactory, CallFactory
from webhooks.models import Event, WebhookDelivery
from webhooks.services import endpoint_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_eager_sending(monkeypatch):
    """The deliveries' rows are what is tested here; sending is tests/webhooks' concern."""
    monkeypatch.setattr("webhooks.services.delivery_enqueue", lambda *, delivery_id: True)


def subscribe(*events: str):
    endpoint, _secret = endpoint_create(
        url="https://partner.example.org/hooks", events=list(events), created_by=None
    )
    return endpoint


def data_of(event: str) -> list[dict]:
    bodies = WebhookDelivery.objects.filter(event=event).order_by("id").values_list("body")
    return [json.loads(body)["data"] for (body,) in bodies]


def filled_draft(call) -> Application:
    application = application_start(call=call, applicant=UserFactory(email="lin@example.org"))
    application_save(
        application=application,
        name_original="林一",
        name_latin="Lin Yi",
        birth_year=1996,
        title_zh="回家",
        logline_zh="一个女儿回家的故事。",
    )
    application_file_store(
        application=application,
        material="treatment",
        upload=SimpleUploadedFile("treatment.pdf", pdf_bytes(), "application/pdf"),
    )
    return application


def test_submitting_emits_application_submitted_and_again_when_resubmitted():
    subscribe(Event.APPLICATION_SUBMITTED)
    call = CallFactory()
    application = filled_draft(call)

    application_submit(application=application)
    application_submit(application=application)

    first, again = data_of(Event.APPLICATION_SUBMITTED)
    assert {key: first["application"][key] for key in ("id", "call", "edition", "resubmitted")} == {
        "id": application.pk,
        "call": call.slug,
        "edition": call.cohort.slug,
        "resubmitted": False,
    }
    assert first["application"]["round"] == call.rounds.order_by("order").first().pk
    assert again["application"]["resubmitted"] is True
    body = WebhookDelivery.objects.values_list("body", flat=True).first()
    assert "lin@example.org" not in body
    assert "林一" not in body


def test_a_refused_submission_emits_nothing():
    subscribe(Event.APPLICATION_SUBMITTED)
    application = application_start(call=CallFactory(), applicant=UserFactory())

    with pytest.raises(ValidationError):
        application_submit(application=application)

    assert not WebhookDelivery.objects.exists()


def test_a_submission_rolled_back_leaves_no_delivery():
    subscribe(Event.APPLICATION_SUBMITTED)
    application = filled_draft(CallFactory())

    with transaction.atomic():
        application_submit(application=application)
        assert WebhookDelivery.objects.count() == 1
        transaction.set_rollback(True)

    assert not WebhookDelivery.objects.exists()


def test_sending_decisions_emits_decision_sent_for_each_applicant():
    subscribe(Event.DECISION_SENT)
    call = CallFactory()
    accepted, declined = ApplicationFactory(call=call), ApplicationFactory(call=call)
    application_decide(application=accepted, decision=Application.Decision.ACCEPTED)
    application_decide(application=declined, decision=Application.Decision.DECLINED)

    decisions_send(call=call, decision="accepted", expected_count=1)
    decisions_send(call=call, decision="declined", expected_count=1)

    accepted.refresh_from_db()
    assert data_of(Event.DECISION_SENT) == [
        {
            "application": {
                "id": accepted.pk,
                "call": call.slug,
                "edition": call.cohort.slug,
                "decision": "accepted",
                "waitlist_position": None,
                "talent": accepted.talent.slug,
                "film": accepted.film_id,
            }
        },
        {
            "application": {
                "id": declined.pk,
                "call": call.slug,
                "edition": call.cohort.slug,
                "decision": "declined",
                "waitlist_position": None,
                "talent": None,
                "film": None,
            }
        },
    ]


def test_recording_a_decision_is_not_sending_it():
    subscribe(Event.DECISION_SENT)

    application_decide(application=ApplicationFactory(), decision=Application.Decision.DECLINED)

    assert not WebhookDelivery.objects.exists()


def test_the_waitlisted_applicant_promoted_after_a_declined_offer_is_announced():
    subscribe(Event.DECISION_SENT)
    call = CallFactory()
    first, second = ApplicationFactory(call=call), ApplicationFactory(call=call)
    application_decide(application=first, decision=Application.Decision.ACCEPTED)
    application_decide(application=second, decision=Application.Decision.WAITLISTED)

    offer_decline(application=first)

    [data] = data_of(Event.DECISION_SENT)
    assert (data["application"]["id"], data["application"]["decision"]) == (second.pk, "accepted")


def test_an_endpoint_for_other_events_gets_nothing_from_the_call():
    subscribe(Event.FILM_PUBLISHED)

    application_submit(application=filled_draft(CallFactory()))

    assert not WebhookDelivery.objects.exists()
