"""The API's documentation page and the workspace's integration pages in a real browser. The
Swagger UI must draw the schema's operations under the site's own Content-Security-Policy
(scripts and styles from 'self' only) without one complaint in the console."""

import datetime
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone

from accounts.tokens import api_token_create
from tests.factories import UserFactory
from webhooks.models import WebhookAttempt, WebhookDelivery
from webhooks.services import endpoint_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_docs_page_draws_the_operations_under_the_strict_csp(browser_page, screenshot):
    page = browser_page
    complaints = []
    page.on("console", lambda message: complaints.append(message.text))

    page.goto("/api/docs/")
    page.locator(".opblock-summary-path").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    screenshot(page, "api-docs", full_page=False)

    assert "/api/v1/films/" in paths
    assert "/api/v1/enrollments/" in paths
    assert [text for text in complaints if "Content Security Policy" in text] == []


def signed_in(page, user) -> None:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    page.context.add_cookies(
        [{"name": "sessionid", "value": store.session_key, "url": page.url or "http://localhost"}]
    )


def test_integration_pages_in_english_and_chinese(browser_page, screenshot, live_server):
    page = browser_page
    staff = UserFactory(is_staff=True, full_name="Sam Staff")
    api_token_create(
        user=staff,
        name="iQIYI lineup sync",
        scopes=["read:enrollments", "write:lineups"],
        expires_at=timezone.now() + datetime.timedelta(days=90),
        created_by=staff,
    )
    endpoint, _secret = endpoint_create(
        url="https://partner.example.org/bjiff/hooks",
        events=["film.published", "screening.published"],
        created_by=staff,
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="film.published",
        body='{"event": "film.published", "data": {"film": {"id": 1}}}',
        status="delivered",
        attempts=3,
        delivered_at=timezone.now(),
    )
    for code, body in ((503, "try later"), (503, "try later"), (200, "ok")):
        WebhookAttempt.objects.create(delivery=delivery, status_code=code, response_excerpt=body)
    complaints = []
    page.on("console", lambda message: complaints.append(message.text))
    page.goto(live_server.url + "/healthz")
    signed_in(page, staff)

    for language in ("en", "zh-hans"):
        page.goto(f"/{language}/workspace/api-tokens/")
        screenshot(page, f"api-tokens-{language}")
        page.goto(f"/{language}/workspace/webhooks/{endpoint.pk}/")
        screenshot(page, f"webhook-endpoint-{language}")
        page.goto(f"/{language}/workspace/webhook-deliveries/{delivery.pk}/")
        screenshot(page, f"webhook-delivery-{language}")
    answers = page.locator(".webhook-answer").all_inner_texts()
    heading = page.locator("h2").first.inner_text()  # the Chinese delivery page, last visited

    assert answers == ["503", "503", "200"]
    assert heading == "尝试记录"
    assert [text for text in complaints if "Content Security Policy" in text] == []
