"""The open call's deadline rush (issue 16): many applicants saving, uploading and submitting in
the call's last minutes, against gunicorn (2 sync workers) on PostgreSQL, loaded with wrk.

    .venv/bin/python bench/calls_deadline_rush.py      (./dev benchmark installs wrk)

1. builds its own database (talents_rush_bench by default: BENCH_RUSH_DATABASE_URL) with a call
   that closes in RUSH_CLOSES_MINUTES and RUSH_APPLICANTS applicants, each signed in (a session
   of their own) with a draft that only lacks its treatment,
2. starts gunicorn with production settings (emails go to Django's dummy backend: the outbox
   rows are written as in production, nothing leaves the machine),
3. three phases, each with wrk sending every applicant exactly one request (a Lua script: each
   wrk thread takes every n-th session and stops when each has had its answer): saving the
   draft (POST details), uploading a RUSH_PDF_MB PDF as the treatment (POST files, through the
   upload checks) and submitting (POST submit),
4. prints requests per second, p50/p99 latency, errors (non-3xx answers and socket errors), the
   wall time of the whole rush, the largest worker's peak resident memory (sampled every
   0.2 s), and how many applications ended submitted and with their treatment.

Not a test: timings belong here, not in the suite."""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import signal
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
CLOSES_MINUTES = int(os.environ.get("RUSH_CLOSES_MINUTES", "15"))
PDF_MB = float(os.environ.get("RUSH_PDF_MB", "2"))
CONCURRENCY = int(os.environ.get("RUSH_CONCURRENCY", "32"))
THREADS = int(os.environ.get("RUSH_THREADS", "2"))
# An upper bound only: each thread stops when each of its applicants has had an answer.
DURATION = os.environ.get("RUSH_DURATION", "900s")
# Any 32 characters: Django compares an unmasked form token with the cookie's secret.
CSRF = "rushrushrushrushrushrushrushrush"

LUA = r"""
-- Each wrk thread takes every n-th applicant and sends each of them exactly one request, then
-- stops: a phase is "every applicant does this once", not "as many as fit in a duration".
local created = 0
function setup(thread)
  thread:set("tid", created)
  created = created + 1
end
local mine, sent, answered = {}, 0, 0
local body, content_type
function init(args)
  local all, threads = {}, tonumber(os.getenv("RUSH_THREADS"))
  for line in io.lines(os.getenv("RUSH_SESSIONS")) do all[#all + 1] = line end
  for i = tid + 1, #all, threads do mine[#mine + 1] = all[i] end
  body = io.open(os.getenv("RUSH_BODY"), "rb"):read("*a")
  content_type = os.getenv("RUSH_CONTENT_TYPE")
end
request = function()
  sent = sent + 1
  local session = mine[((sent - 1) % #mine) + 1]
  local headers = {
    ["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. os.getenv("RUSH_CSRF"),
    ["X-CSRFToken"] = os.getenv("RUSH_CSRF"),
    ["Content-Type"] = content_type,
    ["X-Forwarded-Proto"] = "https",
    ["Origin"] = os.getenv("RUSH_ORIGIN"),
    ["Referer"] = os.getenv("RUSH_ORIGIN") .. "/",
  }
  return wrk.format("POST", os.getenv("RUSH_PATH"), headers, body)
end
response = function(status, headers, body)
  answered = answered + 1
  if answered >= #mine then wrk.thread:stop() end
end
"""


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
        closes_at=now + datetime.timedelta(minutes=CLOSES_MINUTES),
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


def phase(name: str, base: str, path: str, sessions: Path, lua: Path, body: Path, ctype: str):
    env = {
        **os.environ,
        "RUSH_SESSIONS": str(sessions),
        "RUSH_BODY": str(body),
        "RUSH_CONTENT_TYPE": ctype,
        "RUSH_CSRF": CSRF,
        "RUSH_ORIGIN": "https://" + base.split("//", 1)[1],
        "RUSH_PATH": path,
        "RUSH_THREADS": str(THREADS),
    }
    # A slow answer is measured, not counted as a socket error (wrk gives up after 2 s).
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONCURRENCY}",
        f"-d{DURATION}",
        "--timeout",
        "30s",
        "--latency",
    ]
    command += ["-s", str(lua)]
    out = subprocess.run(
        [*command, base + path], capture_output=True, text=True, check=True, env=env
    ).stdout
    result = bench.parse_wrk(out)
    result["requests"] = int(re.search(r"(\d+) requests in ([\d.]+)(m?s|m)", out).group(1))
    result["seconds"] = _seconds(re.search(r"requests in ([\d.]+)(ms|s|m)", out))
    print(f"{name:28} {json.dumps(result)}")
    return result


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
        lua = folder / "rush.lua"
        lua.write_text(LUA)
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
        started = time.monotonic()
        try:
            phase("save the draft", base, f"{prefix}/details/", sessions, lua, form, urlencoded)
            phase(
                f"upload a {PDF_MB:g} MB PDF",
                base,
                f"{prefix}/files/",
                sessions,
                lua,
                upload,
                upload_type,
            )
            submit = folder / "submit.txt"
            submit.write_text(f"csrfmiddlewaretoken={CSRF}")
            phase("submit", base, f"{prefix}/submit/", sessions, lua, submit, urlencoded)
            rush = time.monotonic() - started
            print(f"save + upload + submit, {APPLICANTS} applicants: {rush:.0f} s wall time")
            print(
                f"worker memory: {bench.worker_memory_mb(server):.0f} MB at the end, "
                f"peak {sampler.peak_mb:.0f} MB (resident, largest worker)"
            )
        finally:
            sampler.running = False
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    from calls.models import Application

    applications = Application.objects.filter(call__slug=slug)
    submitted = applications.filter(state="submitted").count()
    with_file = applications.filter(files__material="treatment").distinct().count()
    print(f"applications submitted: {submitted} of {APPLICANTS}; with a treatment: {with_file}")


if __name__ == "__main__":
    main()
