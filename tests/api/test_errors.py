"""Every 4xx of the API in one JSON shape, with a message in the requester's language:
malformed JSON, oversized bodies, wrong content types, unknown addresses and methods."""

import pytest
from django.urls import reverse

from tests.factories import EnrollmentFactory
from tests.factories.api import api_token, bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def raw():
    return api_token()[1]


def post_enrollment(client, raw, body, content_type="application/json", **headers):
    return client.post(
        reverse("api:enrollments"), body, content_type=content_type, **bearer(raw), **headers
    )


def assert_error_shape(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (status, code)
    assert error["message"]
    return error


def test_malformed_json_is_400_in_the_requesters_language(client, raw):
    english = post_enrollment(client, raw, '{"talent": ', HTTP_ACCEPT_LANGUAGE="en")
    chinese = post_enrollment(client, raw, '{"talent": ', HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert (
        assert_error_shape(english, 400, "parse_error")["message"] == "The body is not valid JSON."
    )
    assert assert_error_shape(chinese, 400, "parse_error")["message"] == "请求正文不是有效的 JSON。"


def test_oversized_body_is_413(client, raw, settings):
    settings.API_MAX_BODY_BYTES = 1000

    response = post_enrollment(client, raw, '{"talent": "' + "x" * 2000 + '"}')

    assert_error_shape(response, 413, "too_large")


def test_form_encoded_body_is_415(client, raw):
    response = post_enrollment(
        client, raw, "talent=x", content_type="application/x-www-form-urlencoded"
    )

    assert_error_shape(response, 415, "unsupported_media_type")


@pytest.mark.parametrize("body", ["[]", '"text"', "null", '{"talent": ["x"], "edition": {}}'])
def test_json_of_the_wrong_shape_is_400(client, raw, body):
    response = post_enrollment(client, raw, body)

    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400


def test_unknown_address_under_api_is_a_json_404(client):
    response = client.get("/api/v2/films/")

    assert_error_shape(response, 404, "not_found")


def test_method_not_allowed_is_405_in_the_shape(client):
    response = client.delete(reverse("api:films"))

    assert_error_shape(response, 405, "method_not_allowed")


def test_unknown_enrolment_is_a_json_404(client, raw):
    EnrollmentFactory()

    response = client.get(
        reverse("api:enrollment", kwargs={"enrollment_id": 999999}), **bearer(raw)
    )

    assert_error_shape(response, 404, "not_found")


def test_a_null_byte_in_the_query_is_a_json_400_before_any_view(client):
    response = client.get("/api/v1/films/?search=%00")

    assert_error_shape(response, 400, "malformed")
