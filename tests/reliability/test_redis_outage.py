"""Redis stops while a director submits a milestone: the submission is saved, the page answers
at once, and the notifications go out after Redis is back (the sweep finds them)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from films.models import MilestoneSubmission
from outbox.models import OutboxMessage
from tests.factories import pdf_bytes, portal_world
from tests.reliability.components import FAST_RECOVERY, logs, running_stack
from tests.workers import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_submission_during_a_redis_outage_is_kept_and_notified_after(
    own_redis, tmp_path, smtp, caplog
):
    handler, smtp_env = smtp
    world = portal_world()
    client = Client()
    client.force_login(world.director)
    url = reverse(
        "portal:milestone_submit",
        kwargs={"film_id": world.film.pk, "milestone_id": world.document_milestone.pk},
    )
    upload = SimpleUploadedFile("script.pdf", pdf_bytes(), content_type="application/pdf")

    with running_stack(own_redis.url, tmp_path, beat=True, **FAST_RECOVERY, **smtp_env) as workers:
        own_redis.stop()
        started = time.monotonic()
        response = client.post(url, {"file": upload, "note": "during the outage"})
        answered_in = time.monotonic() - started
        messages = list(OutboxMessage.objects.filter(cause__startswith="submission:"))
        pending_during_outage = {m.status for m in messages}
        own_redis.start()
        wait_for(lambda: len(handler.accepted) >= 2, timeout=45, worker=workers[0])
        log = logs(workers)

    assert response.status_code == 302
    assert answered_in < 2.0  # the promise; Redis refusing takes milliseconds
    submission = MilestoneSubmission.objects.get(milestone=world.document_milestone)
    assert submission.note == "during the outage"
    assert pending_during_outage == {OutboxMessage.Status.PENDING}
    # The first publish fails; the circuit breaker leaves the next one to the sweep at once.
    left = [r.getMessage() for r in caplog.records if r.name == "outbox.services"]
    assert len(messages) == 2
    assert [("not enqueued" in m, "left for the sweep" in m) for m in left] == [
        (True, False),
        (False, True),
    ]
    assert sorted(r for _id, r in handler.accepted) == sorted(
        [world.producer.email, world.panel_member.email]
    ), log
    assert sorted(handler.message_ids()) == sorted(m.message_id for m in messages)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}
