import subprocess
import sys

from tests.conftest import PROJECT_ROOT


def run_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=PROJECT_ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_mode_refuses_the_development_secret_key():
    result = run_settings({"DEBUG": "false", "ALLOWED_HOSTS": "talents.example.org"})

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_mode_refuses_to_start_without_allowed_hosts():
    result = run_settings({"DEBUG": "false", "SECRET_KEY": "x" * 60})

    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_mode_starts_with_a_real_key_and_hosts():
    result = run_settings(
        {"DEBUG": "false", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "talents.example.org"}
    )

    assert result.stdout.strip() == "started", result.stderr


def test_defaults_need_no_services(settings):
    result = run_settings({})

    assert result.returncode == 0, result.stderr
    assert settings.TIME_ZONE == "Asia/Shanghai"
