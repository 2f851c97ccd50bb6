import subprocess
import sys

import pytest

from tests.conftest import PROJECT_ROOT

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "production-" + "k3y-" * 15,
    "ALLOWED_HOSTS": "talents.example.org",
    "PATH": "/usr/bin:/bin",
}


def test_deploy_check_reports_nothing_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=PRODUCTION_ENV,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "url",
    ["/en/?q=%00", "/healthz?x=%ff%fe", "/en/films/%00/", "/healthz?next=%c0%af"],
)
@pytest.mark.django_db
def test_malformed_request_answers_400(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert response.content == b"Malformed request."


@pytest.mark.django_db
def test_wellformed_unicode_query_passes(client):
    response = client.get("/healthz?q=%E7%AC%BC")  # 笼

    assert response.status_code == 200


# Form bodies: a null byte or broken UTF-8 answers 400 before a form (or PostgreSQL) sees it.

LOGIN_URL = "/accounts/login/"


@pytest.mark.parametrize(
    "body",
    [
        b"username=a%00b%40example.org&password=x",
        b"username=a\x00b&password=x",
        b"username=%ff%fe&password=x",
        b"username=\xc0\xaf&password=x",
        b"user%00name=a&password=x",
    ],
    ids=["percent-null", "raw-null", "percent-bad-utf8", "raw-bad-utf8", "null-in-name"],
)
@pytest.mark.django_db
def test_malformed_urlencoded_body_answers_400(client, body):
    response = client.post(LOGIN_URL, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400
    assert response.content == b"Malformed request."


def multipart(fields: dict[str, bytes]) -> tuple[bytes, str]:
    boundary = "fieldboundary"
    parts = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + value
        + b"\r\n"
        for name, value in fields.items()
    )
    return parts + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


@pytest.mark.django_db
def test_null_byte_in_a_multipart_field_answers_400(client):
    body, content_type = multipart({"username": b"a\x00b@example.org", "password": b"x"})

    response = client.post(LOGIN_URL, body, content_type=content_type)

    assert response.status_code == 400
    assert response.content == b"Malformed request."


@pytest.mark.django_db
def test_broken_utf8_in_a_multipart_field_answers_400(client):
    body, content_type = multipart({"username": b"\xff\xfe@example.org", "password": b"x"})

    response = client.post(LOGIN_URL, body, content_type=content_type)

    # As the README says: Django would decode it to U+FFFD and lose what was sent.
    assert response.status_code == 400
    assert response.content == b"Malformed request."


@pytest.mark.django_db
def test_multipart_body_without_its_boundary_answers_400(client):
    response = client.post(
        LOGIN_URL, b"--other\r\ngarbage", content_type="multipart/form-data; boundary=\x01"
    )

    assert response.status_code == 400


@pytest.mark.django_db
def test_wellformed_unicode_form_body_passes(client):
    response = client.post(
        LOGIN_URL,
        b"username=%E7%AC%BC%40example.org&password=x",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
