"""Costs that stay flat as the archive grows (issue 20): each page or command measured at two
sizes of the same data, and the ratio between them.

    .venv/bin/python bench/flat_costs.py            # pages, open call, backup and restore
    .venv/bin/python bench/flat_costs.py pages      # or one part: pages | calls | backup

- pages: the staff dashboard of a 40- and a 200-film cohort; the public lineup and search at
  about 200 and 20,000 public films; the calendar feed at about 50 and 500 screenings. Data from
  the demo's scale generator (demo/scale.py), grown in place between the two measurements.
- calls: the open call's ranking page at 500 and 5,000 applications (bench/calls_benchmark.py
  builds the call).
- backup: `backup_site` and `restore_site` as separate processes at two sizes of generated,
  incompressible media (FLAT_BACKUP_GB, default "1,3"): wall time and peak resident memory
  (the child's ru_maxrss from wait4).

Pages run in this process through Django's test client with production settings (DEBUG off,
the page and fragment caches on): "cold" is the first request after a write (the content
versions are bumped before it, as any save does), "warm" a repeat; server time is the median of
FLAT_REQUESTS requests after one discarded; queries are those of one cold and one warm request.
Each part builds its own PostgreSQL databases (talents_flat_*) and never touches another.
Not a test: timings belong here, not in the suite.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmark-results" / "flat"
SERVER = os.environ.get("FLAT_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# Each part in its own database (talents_flat_pages, talents_flat_calls): they may run at once.
PART = (sys.argv[1:] or ["all"])[0]
DATABASE_URL = f"{SERVER}/talents_flat_{PART}"
REQUESTS = int(os.environ.get("FLAT_REQUESTS", "7"))
BACKUP_GB = [float(n) for n in os.environ.get("FLAT_BACKUP_GB", "1,3").split(",")]
MEDIA_FILE_MB = 256

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
for key in ("CACHE_URL", "CELERY_BROKER_URL"):  # one process: its own memory cache, eager tasks
    os.environ.pop(key, None)
os.environ.update(
    DATABASE_URL=DATABASE_URL,
    DJANGO_SETTINGS_MODULE="config.settings",
    DEBUG="false",
    SECRET_KEY="flat-costs-" + "s3cr3t-" * 8,
    ALLOWED_HOSTS="testserver,localhost",
    CELERY_TASK_ALWAYS_EAGER="true",
    MEDIA_ROOT=str(RESULTS / "media"),
    PRIVATE_MEDIA_ROOT=str(RESULTS / "private"),
    LOG_LEVEL="ERROR",
    # No collectstatic step: the manifest storage would refuse every page without one.
    STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    # The test client speaks plain HTTP (calls_benchmark's requests are not marked secure).
    SECURE_SSL_REDIRECT="false",
    # Staff pages signed in with force_login (here and in calls_benchmark): no second factor.
    # The check is a constant per request (one session key), not part of what grows.
    STAFF_REQUIRE_2FA="false",
)

rows: list[tuple] = []


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django() -> None:
    import django

    recreate_database(DATABASE_URL)
    shutil.rmtree(RESULTS / "media", ignore_errors=True)
    shutil.rmtree(RESULTS / "private", ignore_errors=True)
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def analyze() -> None:
    from django.db import connection

    # As autovacuum does soon after the data arrived: the planner sees the real sizes, and the
    # rows inserted in bulk leave the trigram indexes' pending lists (until then a search reads
    # those lists through, 7 ms at 20,000 directors against 0.2 ms after).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def bump_versions() -> None:
    """What any write does: the next request renders the page and the dashboard's fragments."""
    from core.public_cache import VERSION_KEY, WORKING_DATA_VERSION_KEY, _bump

    _bump(VERSION_KEY)
    _bump(WORKING_DATA_VERSION_KEY)


def measure(client, path: str, expect: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def one(cold: bool) -> tuple[int, float]:
        if cold:
            bump_versions()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path, secure=True)
            elapsed = time.perf_counter() - started
        body = response.content.decode()
        if response.status_code != 200 or expect not in body:
            raise SystemExit(f"{path}: {response.status_code}, expected {expect!r}")
        return len(queries), elapsed * 1000

    result = {}
    for label, cold in (("cold", True), ("warm", False)):
        runs = [one(cold) for _ in range(REQUESTS + 1)][1:]
        result[f"{label}_queries"] = runs[-1][0]
        result[f"{label}_ms"] = statistics.median(ms for _q, ms in runs)
    return result


def record(name: str, small: str, large: str, a: dict, b: dict) -> None:
    rows.append((name, small, large, a, b))
    print(
        f"{name}: {small} -> {large}: queries {a['cold_queries']}->{b['cold_queries']} (cold), "
        f"{a['warm_queries']}->{b['warm_queries']} (warm); cold {a['cold_ms']:.1f}->"
        f"{b['cold_ms']:.1f} ms, warm {a['warm_ms']:.1f}->{b['warm_ms']:.1f} ms",
        flush=True,
    )


def public_counts() -> tuple[int, int, int]:
    from films.selectors import films_public
    from programs.models import Cohort
    from screenings.selectors import screenings_public

    return films_public().count(), screenings_public().count(), Cohort.objects.count()


def grow(**options) -> str:
    from demo.scale import load_scale

    started = time.perf_counter()
    report = load_scale(**options)
    analyze()
    films, screenings, cohorts = public_counts()
    print(
        f"  grew by {report.films} films in {time.perf_counter() - started:.0f} s: "
        f"{films} public films, {screenings} public screenings, {cohorts} cohorts",
        flush=True,
    )
    return f"{films} films, {screenings} screenings, {cohorts} cohorts"


PUBLIC_PAGES = (
    # The newest editions lead the lineup: which film is first depends on the size, not a name.
    ("lineup", "/en/films/", "</html>"),
    ("search, rare word (English)", "/en/films/?q=tiger", "The Tiger Within"),
    ("search, rare word (Chinese)", "/zh-hans/films/?q=%E6%B4%9B%E6%A1%91", "洛桑"),
    ("search, common word", "/en/films/?q=river", "River"),
    ("lineup, one cohort", "/en/films/?cohort=11th-bjiff", "The Cage"),
)
CALENDAR = ("calendar feed", "/en/screenings/calendar.ics", "BEGIN:VCALENDAR")


def pages() -> None:
    setup_django()
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 - silenced output
    # About 200 public films and 50 public screenings, with the demo's 40-film stress cohort.
    small = grow(years=22)
    anonymous = Client()
    staff = Client()
    staff.force_login(User.objects.get(email="staff@talents.example"))
    lineup_small = {name: measure(anonymous, path, text) for name, path, text in PUBLIC_PAGES}
    calendar_small = measure(anonymous, *CALENDAR[1:])

    dashboard = "/en/workspace/cohorts/{}/"
    dashboard_40 = measure(staff, dashboard.format("stress-cohort"), "Stress cohort (40 films)")
    grow(years=22, stress_films=200, stress_slug="stress-200")
    dashboard_200 = measure(staff, dashboard.format("stress-200"), "Stress cohort (200 films)")
    record("staff dashboard", "40 films", "200 films", dashboard_40, dashboard_200)

    middle = grow(years=250)  # about 500 public screenings
    record(CALENDAR[0], small, middle, calendar_small, measure(anonymous, *CALENDAR[1:]))

    large = grow(years=470, archive_films=(70, 90))  # about 20,000 public films
    for name, path, text in PUBLIC_PAGES:
        record(name, small, large, lineup_small[name], measure(anonymous, path, text))


def calls() -> None:
    setup_django()
    import calls_benchmark

    from calls.services.review import assignment_auto

    measured = {}
    for applications in (500, 5000):
        calls_benchmark.APPLICATIONS = applications
        call, scoring = calls_benchmark.build()
        started = time.perf_counter()
        assignment_auto(round=scoring)
        print(f"  {applications} applications assigned in {time.perf_counter() - started:.0f} s")
        calls_benchmark.review_everything(scoring)
        analyze()
        measured[applications] = {}
        for label, query in (("", ""), (", page 10", "?page=10")):
            queries, median_ms = calls_benchmark.ranking_page(call, query)
            measured[applications][label] = {
                "cold_queries": queries,
                "cold_ms": median_ms,
                "warm_queries": queries,
                "warm_ms": median_ms,
            }
    for label in ("", ", page 10"):
        record(
            f"open-call ranking{label}",
            "500 applications",
            "5,000 applications",
            measured[500][label],
            measured[5000][label],
        )


def run_measured(args: list[str], env: dict) -> tuple[float, float]:
    """A manage.py command in its own process: wall seconds and its peak resident MB."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env)
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed ({process.returncode})")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def write_media(folder: Path, gigabytes: float) -> None:
    """Incompressible files of MEDIA_FILE_MB each (video is), added until the folder holds
    `gigabytes`; made with a seeded generator, so the same run makes the same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = int(gigabytes * 1024 / MEDIA_FILE_MB)
    for index in range(len(list(folder.iterdir())), wanted):
        rng = random.Random(index)  # noqa: S311 - test bytes, not secrets
        with open(folder / f"master-{index}.mov", "wb") as handle:
            for _ in range(MEDIA_FILE_MB // 16):
                handle.write(rng.randbytes(16 * 1024 * 1024))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def backup() -> None:
    source_url, target_url = f"{SERVER}/talents_flat_backup", f"{SERVER}/talents_flat_restore"
    folder = RESULTS / "backup"
    shutil.rmtree(folder, ignore_errors=True)
    source = {
        **os.environ,
        "DATABASE_URL": source_url,
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
    }
    target = {
        **source,
        "DATABASE_URL": target_url,
        "MEDIA_ROOT": str(folder / "restored-media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "restored-private"),
    }
    for url, env in ((source_url, source), (target_url, target)):
        recreate_database(url)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
        )
    subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=ROOT,
        env=source,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    measured = {}
    deliverables = folder / "private" / "deliverables"
    for gigabytes in BACKUP_GB:
        write_media(deliverables, gigabytes)
        archive = folder / f"backup-{gigabytes:g}GB.tar.gz"
        backup_s, backup_mb = run_measured(["backup_site", "--output", str(archive)], source)
        subprocess.run(
            [sys.executable, "manage.py", "flush", "--noinput"], cwd=ROOT, env=target, check=True
        )
        for name in ("restored-media", "restored-private"):
            shutil.rmtree(folder / name, ignore_errors=True)
        restore_s, restore_mb = run_measured(["restore_site", str(archive)], target)
        restored = folder / "restored-private" / "deliverables"
        originals = sorted(deliverables.iterdir())
        if [p.stat().st_size for p in originals] != [
            (restored / p.name).stat().st_size for p in originals
        ] or sha256(originals[-1]) != sha256(restored / originals[-1].name):
            raise SystemExit("the restored files differ from the originals")
        measured[gigabytes] = (backup_s, backup_mb, restore_s, restore_mb, archive.stat().st_size)
        print(
            f"  {gigabytes:g} GB: backup {backup_s:.0f} s, {backup_mb:.0f} MB peak; "
            f"restore {restore_s:.0f} s, {restore_mb:.0f} MB peak",
            flush=True,
        )
        archive.unlink()
    small, large = BACKUP_GB[0], BACKUP_GB[-1]
    for command, offset in (("backup_site", 0), ("restore_site", 2)):
        a, b = measured[small], measured[large]
        rows.append(
            (
                command,
                f"{small:g} GB",
                f"{large:g} GB",
                {"seconds": a[offset], "peak_mb": a[offset + 1]},
                {"seconds": b[offset], "peak_mb": b[offset + 1]},
            )
        )
    shutil.rmtree(folder, ignore_errors=True)


def table() -> str:
    lines = [
        "| measured | small | large | queries (cold) | queries (warm) | cold ms | warm ms "
        "| cold ratio |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, small, large, a, b in rows:
        if "seconds" in a:
            lines.append(
                f"| {name} | {small} | {large} | – | – | {a['seconds']:.0f} s → "
                f"{b['seconds']:.0f} s | peak RSS {a['peak_mb']:.0f} → {b['peak_mb']:.0f} MB "
                f"| {b['seconds'] / a['seconds']:.2f}× time, "
                f"{b['peak_mb'] / a['peak_mb']:.2f}× memory |"
            )
            continue
        lines.append(
            f"| {name} | {small} | {large} | {a['cold_queries']} → {b['cold_queries']} "
            f"| {a['warm_queries']} → {b['warm_queries']} | {a['cold_ms']:.1f} → "
            f"{b['cold_ms']:.1f} | {a['warm_ms']:.1f} → {b['warm_ms']:.1f} "
            f"| {b['cold_ms'] / a['cold_ms']:.2f}× |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parts = sys.argv[1:] or ["pages", "calls", "backup"]
    RESULTS.mkdir(parents=True, exist_ok=True)
    # Each part sets Django up against its own database: one part per process.
    if len(parts) > 1:
        for part in parts:
            subprocess.run([sys.executable, __file__, part], check=True)
        return
    {"pages": pages, "calls": calls, "backup": backup}[parts[0]]()
    output = table()
    (RESULTS / f"{parts[0]}.md").write_text(output)
    print(output)


if __name__ == "__main__":
    main()
