"""Where a signed-in request's time goes (issue 20): each benchmark page served in-process
through the whole middleware stack, with the production settings the benchmark uses, its queries
listed and its time split by stage with cProfile.

    DATABASE_URL=… CACHE_URL=redis://… .venv/bin/python bench/profile_requests.py [name …]

Needs a database seeded like the benchmark's (seed_demo --scale 20, and the 200-film cohort
bench/run_benchmark.py adds). Not a test and not run in CI: a tool for reading a profile.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "benchmark-" + "s3cr3t-" * 8)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")

# (stage, a function whose cumulative time is that stage's): read from cProfile's table.
STAGES = (
    ("session load", "django/contrib/sessions/backends/cached_db.py", "load"),
    ("session save", "django/contrib/sessions/middleware.py", "process_response"),
    ("user (auth middleware)", "django/contrib/auth/__init__.py", "get_user"),
    ("two-factor (OTP middleware)", "django_otp/middleware.py", "_verify_user"),
    ("staff session limits", "accounts/security.py", "_staff_session_expired"),
    ("two-factor gate", "accounts/security.py", "process_view"),
    ("token authentication", "api/authentication.py", "authenticate"),
    ("security trail write", "accounts/services.py", "security_event_record"),
    ("template rendering", "django/template/base.py", "_render"),
    ("SQL (all)", "django/db/backends/utils.py", "_execute"),
    ("URL resolving + view + render", "django/core/handlers/base.py", "_get_response"),
    ("whole request", "django/test/client.py", "request"),
)


class QueryLog:
    def __init__(self, into: list) -> None:
        self.into = into

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.into.append((time.perf_counter() - started, sql))


def main(names: list[str]) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from bench.run_benchmark import (
        milestone_path_in_process,
        pages,
        session_cookie_in_process,
        token_in_process,
    )

    token = token_in_process()
    for page in pages():
        if names and page.name not in names:
            continue
        page.path = page.path.replace("{milestone}", milestone_path_in_process())
        extra = {
            "HTTP_ACCEPT_LANGUAGE": "en",
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_ACCEPT_ENCODING": "gzip",
        }
        if page.token:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        client = Client(SERVER_NAME="127.0.0.1", **extra)
        if page.login:
            client.cookies["sessionid"] = session_cookie_in_process(page.login)
        for _ in range(3):
            response = client.get(page.path, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{page.name}: {response.status_code}")
        queries: list[tuple[float, str]] = []
        with connection.execute_wrapper(QueryLog(queries)):
            client.get(page.path, secure=True)
        repeats = 40
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(repeats):
            client.get(page.path, secure=True)
        profiler.disable()
        per_request = (time.perf_counter() - started) / repeats * 1000
        print(
            f"\n## {page.name} ({page.path}): {per_request:.1f} ms/request under cProfile, "
            f"{len(queries)} queries"
        )
        for seconds, sql in queries:
            print(f"   {seconds * 1000:6.2f} ms  {sql[:160]}")
        stats = pstats.Stats(profiler)
        for stage, filename, function in STAGES:
            total = sum(
                value[3]
                for (file, _line, func), value in stats.stats.items()
                if file.endswith(filename) and func == function
            )
            print(f"   {stage:30} {total / repeats * 1000:7.2f} ms")
        if os.environ.get("PROFILE_TOP"):
            stats.sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(
                int(os.environ["PROFILE_TOP"])
            )


if __name__ == "__main__":
    main(sys.argv[1:])
