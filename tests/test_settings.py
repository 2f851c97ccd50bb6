import subprocess
import sys

from tests.conftest import PROJECT_ROOT


def run_settings(
    env: dict[str, str], then: str = "print('started')"
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {then}"],
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


def private_cache_seconds(env: dict[str, str]) -> str:
    then = "from django.conf import settings; print(settings.PRIVATE_PAGE_CACHE_SECONDS)"
    result = run_settings(env, then)
    return result.stdout.strip() or result.stderr


def test_signed_in_pages_are_cached_only_with_a_shared_cache_unless_told():
    # Each process's own memory cache would miss the versions other web workers bump.
    assert private_cache_seconds({}) == "0"
    assert private_cache_seconds({"PRIVATE_PAGE_CACHE_SECONDS": ""}) == "0"
    assert private_cache_seconds({"CACHE_URL": "redis://127.0.0.1:6379/1"}) == "60"
    assert private_cache_seconds({"PRIVATE_PAGE_CACHE_SECONDS": "15"}) == "15"


def test_prepared_statements_can_be_turned_off_for_a_pooler_that_keeps_none():
    show = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    database = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/talents"}

    default = run_settings(database, show)
    turned_off = run_settings({**database, "DATABASE_PREPARED_STATEMENTS": "false"}, show)

    assert "prepare_threshold" not in default.stdout, default.stderr
    assert "'prepare_threshold': None" in turned_off.stdout, turned_off.stderr


def test_each_process_keeps_recent_public_pages_only_beside_a_shared_cache_unless_told():
    show = "from django.conf import settings; print(settings.PUBLIC_PAGE_PROCESS_SECONDS)"

    def seconds(env: dict[str, str]) -> str:
        result = run_settings(env, show)
        return result.stdout.strip() or result.stderr

    assert seconds({}) == "0.0"
    assert seconds({"CACHE_URL": "redis://127.0.0.1:6379/1"}) == "1.0"
    assert (
        seconds({"CACHE_URL": "redis://127.0.0.1:6379/1", "PUBLIC_PAGE_PROCESS_SECONDS": "0"})
        == "0.0"
    )
    assert seconds({"PUBLIC_PAGE_PROCESS_SECONDS": "0.25"}) == "0.25"
