"""The open call's webhook events (webhooks.services), written in the caller's transaction: an
application submitted (first time or again before closing) and a decision sent to the
applicant. Ids and slugs only, no personal data: receivers read the application from the REST
API with a read:applications token."""

from __future__ import annotations

from calls.models import Application
from webhooks.models import Event
from webhooks.services import webhook_event_emit


def application_event_emit(*, application: Application, event: str, **extra) -> None:
    call = application.call
    webhook_event_emit(
        event=event,
        data={
            "application": {
                "id": application.pk,
                "call": call.slug,
                "edition": call.cohort.slug,
                **extra,
            }
        },
    )


def application_submitted_emit(*, application: Application, resubmitted: bool) -> None:
    application_event_emit(
        application=application,
        event=Event.APPLICATION_SUBMITTED,
        round=application.round_id,
        submitted_at=application.submitted_at,
        resubmitted=resubmitted,
    )


def decision_sent_emit(*, application: Application) -> None:
    application_event_emit(
        application=application,
        event=Event.DECISION_SENT,
        decision=application.decision,
        waitlist_position=application.waitlist_position,
        talent=application.talent.slug if application.talent_id else None,
        film=application.film_id,
    )
