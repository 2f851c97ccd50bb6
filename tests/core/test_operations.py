import json
import logging

import pytest
from django.urls import reverse

from core.logging import JsonFormatter
from core.request_context import current_request_id

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))

    assert response.json() == {"status": "ok"}


def test_readyz_reports_every_component_ok(client):
    response = client.get(reverse("readyz"))

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok", "storage": "ok"},
    }


def test_readyz_reports_an_unreachable_broker_without_its_address(client, monkeypatch):
    from config.celery import app

    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # Celery prefers it to its config
    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False)
    try:
        response = client.get(reverse("readyz"))
    finally:
        app.conf.update(broker_url=saved[0], task_always_eager=saved[1])

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "error"
    assert "127.0.0.1" not in response.content.decode()


def test_request_id_is_answered_and_logged(client, caplog):
    with caplog.at_level(logging.INFO, logger="talents.requests"):
        response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="abcdef0123456789")

    assert response["X-Request-ID"] == "abcdef0123456789"
    record = next(r for r in caplog.records if r.name == "talents.requests")
    line = json.loads(JsonFormatter().format(record))
    assert (line["path"], line["status"], line["method"]) == ("/healthz", 200, "GET")


def test_request_id_from_outside_is_replaced_when_malformed(client):
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="bad id\nwith newline")

    assert response["X-Request-ID"] != "bad id\nwith newline"
    assert len(response["X-Request-ID"]) == 32


def test_request_id_follows_the_work_into_an_eager_task():
    from celery import shared_task

    seen = []

    @shared_task(name="tests.record_request_id")
    def record_request_id():
        seen.append(current_request_id.get())

    token = current_request_id.set("request-0001")
    try:
        record_request_id.delay()  # eager here; tests/films/test_poster_worker.py: real worker
        after = current_request_id.get()
    finally:
        current_request_id.reset(token)

    assert seen == ["request-0001"]
    assert after == "request-0001"


def test_a_task_run_outside_a_request_gives_its_id_back_when_it_ends():
    """A task started by beat or by hand gets an id of its own for its work, and the id is gone
    when the task ends: the next task in that worker thread (or the next test) does not inherit
    it. (An eager task left it set for the rest of the process.)"""
    from celery import shared_task

    seen = []

    @shared_task(name="tests.record_own_request_id")
    def record_own_request_id():
        seen.append(current_request_id.get())

    assert current_request_id.get() == "-"
    record_own_request_id.delay()
    record_own_request_id.delay()

    assert seen[0] != "-" and seen[1] != "-" and seen[0] != seen[1]
    assert current_request_id.get() == "-"
