"""The open call's deadline rush (issue 16): many applicants saving, uploading and submitting in
the call's last minutes, against gunicorn (2 sync workers) on PostgreSQL.

    .venv/bin/python bench/calls_deadline_rush.py

1. builds its own database (talents_rush_bench by default: BENCH_RUSH_DATABASE_URL) with a call
   that closes RUSH_CLOSES_SECONDS (60) after the rush starts and RUSH_APPLICANTS applicants, each signed in (a session
   of their own) with a draft that only lacks its treatment,
2. starts gunicorn with production settings (emails go to Django's dummy backend: the outbox
   rows are written as in production, nothing leaves the machine),
3. the rush: every applicant, RUSH_CONCURRENCY at a time (threads with plain http.client, so
   each applicant's steps come in order and exactly once), saves the draft (POST details),
   uploads a RUSH_PDF_MB PDF as the treatment (POST files, through the upload checks) and
   submits (POST submit),
4. prints requests per second, p50/p99 latency, errors (non-3xx answers and socket errors), the
   wall time of the whole rush, the largest worker's peak resident memory (sampled every
   0.2 s), and how many applications ended submitted and with their treatment.

Not a test: timings belong here, not in the suite."""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault(
    "BENCH_DATABASE_URL",
    os.environ.get(
        "BENCH_RUSH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/talents_rush_bench"
    ),
)

from bench import run_benchmark as bench  # noqa: E402 - reads BENCH_DATABASE_URL on import

APPLICANTS = int(os.environ.get("RUSH_APPLICANTS", "1000"))
# The call closes this many seconds after the rush starts (set just before the first request, so
# the build's own time does not count): by default every application lands in the final minute.
CLOSES_SECONDS = int(os.environ.get("RUSH_CLOSES_SECONDS", "60"))
PDF_MB = float(os.environ.get("RUSH_PDF_MB", "2"))
CONCURRENCY = int(os.environ.get("RUSH_CONCURRENCY", "32"))
# Any 32 characters: Django compares an unmasked form token with the cookie's secret.
CSRF = "rushrushrushrushrushrushrushrush"


def build(folder: Path) -> tuple[str, Path]:
    """The call and its applicants, in the benchmark's database; returns the call's slug and a
    file with one session key per line."""
    import django

    os.environ.update(bench.environment())
    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import User
    from calls.models import Application, Material
    from calls.services.setup import call_create
    from programs.models import Cohort, Program

    program, _ = Program.objects.get_or_create(slug="rush", defaults={"name_en": "Rush"})
    cohort, _ = Cohort.objects.get_or_create(
        slug="rush-cohort",
        defaults={
            "program": program,
            "year": 2027,
            "training_start": datetime.date(2027, 3, 1),
            "training_end": datetime.date(2027, 9, 1),
        },
    )
    now = timezone.now()
    call = call_create(
        cohort=cohort,
        slug="rush-call",
        title_en="Rush call",
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now + datetime.timedelta(hours=1),  # moved to the final minute in main()
        required_materials=[Material.TREATMENT],
    )
    password = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"rush{n}@bench.example.org", full_name=f"Rush {n}", password=password)
        for n in range(APPLICANTS)
    )
    Application.objects.bulk_create(
        Application(
            call=call,
            applicant=user,
            name_latin=user.full_name,
            name_original=user.full_name,
            birth_year=1996,
            title_zh="回家",
            title_en=f"Home {n}",
            logline_zh="一个女儿回家的故事。",
        )
        for n, user in enumerate(users)
    )
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    keys = []
    for user in users:
        store = store_class()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        keys.append(store.session_key)
    sessions = folder / "sessions.txt"
    sessions.write_text("\n".join(keys) + "\n")
    return call.slug, sessions


def multipart(folder: Path) -> tuple[Path, str]:
    from tests.factories.portal import pdf_bytes

    boundary = "rushboundary7MA4YWxkTrZu0gW"
    pdf = pdf_bytes(int(PDF_MB * 1024 * 1024))
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f'{CSRF}\r\n--{boundary}\r\nContent-Disposition: form-data; name="slot"\r\n\r\n'
            f'treatment\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="treatment.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + pdf
        + f"\r\n--{boundary}--\r\n".encode()
    )
    path = folder / "upload.bin"
    path.write_bytes(body)
    return path, f"multipart/form-data; boundary={boundary}"


def post(base: str, path: str, session: str, body: bytes, content_type: str) -> tuple[int, float]:
    """One request on its own connection (gunicorn's sync workers close after each answer);
    the answer's status and the latency in ms. A socket error is status 0."""
    host, port = base.split("//", 1)[1].split(":")
    headers = {
        "Cookie": f"sessionid={session}; csrftoken={CSRF}",
        "X-CSRFToken": CSRF,
        "Content-Type": content_type,
        "X-Forwarded-Proto": "https",
        "Origin": f"https://{host}:{port}",
        "Referer": f"https://{host}:{port}/",
    }
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection(host, int(port), timeout=120)
        connection.request("POST", path, body=body, headers=headers)
        status = connection.getresponse().status
        connection.close()
    except OSError:
        status = 0
    return status, (time.perf_counter() - started) * 1000


def rush(base: str, prefix: str, keys: list[str], steps: list[tuple[str, str, bytes, str]]):
    """Each applicant, on one of CONCURRENCY threads, goes through the steps in order (save the
    draft, upload, submit) once; returns each step's statuses and latencies."""
    results = {name: [] for name, *_ in steps}

    def applicant(session: str) -> None:
        for name, path, body, content_type in steps:
            results[name].append(post(base, prefix + path, session, body, content_type))

    with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(applicant, keys))
    return results


def summary(name: str, answers: list[tuple[int, float]], seconds: float) -> None:
    latencies = sorted(ms for _status, ms in answers)
    errors = sum(1 for status, _ms in answers if not 200 <= status < 400)
    cut = statistics.quantiles(latencies, n=100, method="inclusive")
    figures = {
        "requests": len(answers),
        "rps": round(len(answers) / seconds, 1),
        "p50_ms": round(cut[49]),
        "p99_ms": round(cut[98]),
        "max_ms": round(latencies[-1]),
        "errors": errors,
    }
    print(f"{name:28} {json.dumps(figures)}")


def _seconds(match) -> float:
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "ms" else value * 60 if unit == "m" else value


class PeakMemory(threading.Thread):
    """The largest resident size any gunicorn worker reached, sampled every 0.2 s (a 2 MB
    upload is held in memory while it is checked, so the end-of-run figure would hide it)."""

    def __init__(self, master: subprocess.Popen):
        super().__init__(daemon=True)
        self.master, self.peak_mb, self.running = master, 0.0, True

    def run(self) -> None:
        while self.running:
            with contextlib.suppress(Exception):
                self.peak_mb = max(self.peak_mb, bench.worker_memory_mb(self.master))
            time.sleep(0.2)


def main() -> None:
    bench.RESULTS.mkdir(exist_ok=True)
    name = bench.DATABASE_URL.rsplit("/", 1)[1]
    import psycopg

    with psycopg.connect(bench.DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        c.execute(f'CREATE DATABASE "{name}"')
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    # The outbox enqueues after commit; eager tasks, but through the benchmark's own Redis.
    os.environ.setdefault("CELERY_BROKER_URL", bench.REDIS_URL)
    bench.manage("migrate", "--noinput", "-v0")
    bench.manage("collectstatic", "--noinput", "-v0")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        slug, sessions = build(folder)
        form = folder / "details.txt"
        form.write_text(
            f"csrfmiddlewaretoken={CSRF}&name_original=Rush&name_latin=Rush&birth_year=1996"
            "&title_zh=%E5%9B%9E%E5%AE%B6&title_en=Home&logline_zh=%E6%95%85%E4%BA%8B"
            "&is_chinese_language=on&languages=zh&genre=fiction"
        )
        upload, upload_type = multipart(folder)
        urlencoded = "application/x-www-form-urlencoded"
        port = bench.free_port()
        server = bench.start_gunicorn(port)
        base = f"http://127.0.0.1:{port}"
        prefix = f"/en/calls/{slug}/application"
        sampler = PeakMemory(server)
        sampler.start()
        steps = [
            ("save the draft", "/details/", form.read_bytes(), urlencoded),
            (f"upload a {PDF_MB:g} MB PDF", "/files/", upload.read_bytes(), upload_type),
            ("submit", "/submit/", f"csrfmiddlewaretoken={CSRF}".encode(), urlencoded),
        ]
        from django.utils import timezone

        from calls.models import Call

        closes_at = timezone.now() + datetime.timedelta(seconds=CLOSES_SECONDS)
        Call.objects.filter(slug=slug).update(closes_at=closes_at)
        started = time.monotonic()
        try:
            results = rush(base, prefix, sessions.read_text().split(), steps)
            seconds = time.monotonic() - started
            for name, answers in results.items():
                summary(name, answers, seconds)
            every = [answer for answers in results.values() for answer in answers]
            summary("all requests", every, seconds)
            print(f"{APPLICANTS} applicants, {CONCURRENCY} at a time: {seconds:.0f} s wall time")
            print(
                f"worker memory: {bench.worker_memory_mb(server):.0f} MB at the end, "
                f"peak {sampler.peak_mb:.0f} MB (resident, largest worker)"
            )
        finally:
            sampler.running = False
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    from django.db.models import Max

    from calls.models import Application

    applications = Application.objects.filter(call__slug=slug)
    submitted = applications.filter(state="submitted").count()
    with_file = applications.filter(files__material="treatment").distinct().count()
    print(f"applications submitted: {submitted} of {APPLICANTS}; with a treatment: {with_file}")
    last = applications.aggregate(last=Max("submitted_at"))["last"]
    if last is not None:
        print(
            f"the call closed {CLOSES_SECONDS} s after the first request; the last submission came "
            f"{(closes_at - last).total_seconds():.1f} s before the close"
        )


if __name__ == "__main__":
    main()
