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
