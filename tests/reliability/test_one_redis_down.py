"""The docker-compose layout: one Redis for the broker, the cache and the sessions. It stops in
the middle of a director's submission. Nothing answers 500: the submission is saved, the public
pages are served uncached, the signed-in director stays signed in (sessions from the database),
sign-in throttling counts in the database (an attacker is still locked out, everybody else can
still sign in), the outage is logged once, and the emails go out by the sweep after Redis is
back. Real components: our own redis-server, workers and beat, an SMTP server."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse

from films.models import MilestoneSubmission
from outbox.models import OutboxMessage
from tests.factories import pdf_bytes, portal_world
from tests.factories.portal import PASSWORD
from tests.reliability.components import FAST_RECOVERY, logs, running_stack
from tests.workers import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

WRONG = "wrong-password"


@pytest.fixture
def one_redis(own_redis, settings):
    """Cache and sessions on the test's own Redis, beside the broker (another database number,
    as in docker-compose.yml)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FastRedisCache",
            "LOCATION": own_redis.url.rsplit("/", 1)[0] + "/1",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    settings.CACHE_RETRY_SECONDS = 1
    return own_redis


def stop_during_save(redis_server):
    """Stops Redis while the submission is being saved: in the middle of the request."""

    def stop(sender, **kwargs):
        redis_server.stop()

    pre_save.connect(stop, sender=MilestoneSubmission, dispatch_uid="stop-redis", weak=False)
    return lambda: pre_save.disconnect(sender=MilestoneSubmission, dispatch_uid="stop-redis")


def sign_in(email: str, password: str = WRONG, address: str = "203.0.113.5"):
    return Client(REMOTE_ADDR=address).post(
        reverse("accounts:login"), {"username": email, "password": password}
    )


def test_one_redis_stopping_mid_request_takes_nothing_down(one_redis, tmp_path, smtp, caplog):
    handler, smtp_env = smtp
    world = portal_world()
    director = Client()
    director.post(
        reverse("accounts:login"), {"username": world.director.email, "password": PASSWORD}
    )
    assert Client().get("/en/").status_code == 200
    assert Client().get("/en/")["X-Page-Cache"] == "hit"  # the page cache works on this Redis
    url = reverse(
        "portal:milestone_submit",
        kwargs={"film_id": world.film.pk, "milestone_id": world.document_milestone.pk},
    )
    upload = SimpleUploadedFile("script.pdf", pdf_bytes(), content_type="application/pdf")

    with running_stack(one_redis.url, tmp_path, beat=True, **FAST_RECOVERY, **smtp_env) as workers:
        undo = stop_during_save(one_redis)
        try:
            response = director.post(url, {"file": upload, "note": "during the outage"})
        finally:
            undo()
        public = Client().get("/en/")
        still_signed_in = director.get(reverse("portal:home"))
        for attempt in range(10):
            sign_in(world.producer.email, address=f"198.51.100.{attempt}")
        attacker = sign_in(world.producer.email, PASSWORD, address="192.0.2.1")
        someone_else = sign_in(world.panel_member.email, PASSWORD, address="192.0.2.2")
        pending = set(OutboxMessage.objects.values_list("status", flat=True))
        one_redis.start()
        wait_for(lambda: len(handler.accepted) >= 2, timeout=45, worker=workers[0])
        log = logs(workers)

    assert response.status_code == 302
    assert MilestoneSubmission.objects.get(milestone=world.document_milestone).note == (
        "during the outage"
    )
    assert public.status_code == 200
    assert "X-Page-Cache" not in public
    assert still_signed_in.status_code == 200
    assert (
        "登录失败次数过多" in attacker.text
    )  # "Too many failed sign-ins", in the default language
    assert someone_else.status_code == 302
    assert pending == {OutboxMessage.Status.PENDING}
    outage_logged = [r for r in caplog.records if r.name == "core.cache"]
    assert len(outage_logged) == 1
    assert "cache unavailable" in outage_logged[0].getMessage()
    assert sorted(r for _id, r in handler.accepted) == sorted(
        [world.producer.email, world.panel_member.email]
    ), log
    cache.set("back", 1)
    assert cache.get("back") == 1
