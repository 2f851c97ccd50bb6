"""The festival-scale benchmark (issue 9). One command, one machine, one run:

    ./dev benchmark            (or: .venv/bin/python bench/run_benchmark.py)

1. builds a PostgreSQL database with the scaled demo data (seed_demo --scale 20 + stress cohort),
2. starts the app under gunicorn with production settings and its real Redis cache,
3. checks every URL answers 200 with its expected content (X-Forwarded-Proto: https, and a real
   session cookie for logged-in pages),
4. loads each with wrk at fixed concurrency and duration, next to a minimal Django view returning
   a fixed string through the same middleware (the baseline, our ceiling),
5. counts queries per request, times poster thumbnailing against two plain Pillow baselines, and
   reads the gunicorn workers' resident memory,
6. writes a Markdown table and a PNG chart into benchmark-results/ (git ignores it).

Needs PostgreSQL and Redis (BENCH_DATABASE_URL, BENCH_REDIS_URL) and wrk (Debian's package).
It never touches any database but its own (talents_bench by default) and uses Redis db 13.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "benchmark-results"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/talents_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "64"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
# wrk's own 2 s default counts a slow answer as a socket error; a longer wait reports its latency.
TIMEOUT = os.environ.get("BENCH_TIMEOUT", "10s")
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
SCALE = int(os.environ.get("BENCH_SCALE", "20"))
# Only the rows whose names start with one of these (comma-separated; the baseline always runs):
# BENCH_ONLY=API measures the REST API's rows alone on a busy machine.
# BENCH_KEEP_DATABASE=1 reuses the database a previous run seeded (same code, same schema): two
# runs to compare, before and after a change, on the same data and without seeding twice.
KEEP_DATABASE = os.environ.get("BENCH_KEEP_DATABASE", "") == "1"
# What Chromium sends: pages are measured as browsers receive them (cached HTML pages are stored
# compressed for them, core.public_cache.compress_page).
BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd"
ONLY = tuple(name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip())


@dataclass
class Page:
    name: str
    path: str
    expect: str
    login: str | None = None
    target: float = 0.8  # share of the baseline's requests per second
    result: dict = field(default_factory=dict)
    token: bool = False  # sends the benchmark's API token (Authorization: Bearer)
    revalidate: bool = False  # sends the page's own ETag back: every answer is a 304
    headers: dict = field(default_factory=dict)


def pages() -> list[Page]:
    return [
        Page("baseline", "/bench/baseline", "ok", target=1.0),
        Page("home", "/en/", "BJIFF TALENTS"),
        Page("lineup", "/en/films/", "The Cage"),
        Page("lineup search (English)", "/en/films/?q=tiger", "The Tiger Within", target=0.5),
        Page("lineup search (Chinese)", "/zh-hans/films/?q=%E6%B4%9B%E6%A1%91", "洛桑", target=0.5),
        Page("film", "/en/films/11th-bjiff/the-cage/", "Chen Linpeng"),
        Page("screening", "/en/screenings/11th-bjiff/premiere/", "The Cage"),
        Page("calendar feed", "/en/screenings/calendar.ics", "BEGIN:VCALENDAR"),
        Page(
            "director portal",
            "/portal/",
            "Paper Moon",
            login="director@talents.example",
            target=0.25,
        ),
        # The path is the director's first film and its first milestone, found after seeding.
        Page(
            "milestone page",
            "{milestone}",
            "Paper Moon",
            login="director@talents.example",
            target=0.25,
        ),
        Page(
            "review queue",
            "/portal/reviews/",
            "Paper Moon",
            login="producer@talents.example",
            target=0.25,
        ),
        Page("API films list", "/api/v1/films/?edition=11th-bjiff", '"the-cage"'),
        Page("API film", "/api/v1/films/11th-bjiff/the-cage/", "Chen Linpeng"),
        Page("API film 304", "/api/v1/films/11th-bjiff/the-cage/", "", revalidate=True),
        Page(
            "API enrolments (token)", "/api/v1/enrollments/", '"results"', token=True, target=0.25
        ),
        Page(
            "API applications (token)",
            "/api/v1/applications/",
            '"answers"',
            token=True,
            target=0.25,
        ),
        Page(
            "staff dashboard (40 films)",
            "/en/workspace/cohorts/stress-cohort/",
            "Stress cohort (40 films)",
            login="staff@talents.example",
            target=0.25,
        ),
        Page(
            "staff dashboard (200 films)",
            "/en/workspace/cohorts/stress-cohort-200/",
            "Stress cohort (200 films)",
            login="staff@talents.example",
            target=0.25,
        ),
    ]


def chosen_pages() -> list[Page]:
    return [p for p in pages() if p.name == "baseline" or not ONLY or p.name.startswith(ONLY)]


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-" + "s3cr3t-" * 8,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": DATABASE_URL,
        "CACHE_URL": REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "BENCHMARK_BASELINE": "true",
        "MEDIA_ROOT": str(RESULTS / "media"),
        "PRIVATE_MEDIA_ROOT": str(RESULTS / "private"),
        "STATIC_ROOT": str(RESULTS / "static"),
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "600",
    }


def manage(*args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=environment(),
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else ""


def prepare_database() -> float:
    if KEEP_DATABASE:
        print("Scaled data: kept from the previous run (BENCH_KEEP_DATABASE=1)")
        manage("collectstatic", "--noinput", "-v0")
        return 0.0
    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    shutil.rmtree(RESULTS / "media", ignore_errors=True)
    manage("migrate", "--noinput", "-v0")
    started = time.perf_counter()
    out = manage("seed_demo", "--scale", str(SCALE), capture=True)
    seconds = time.perf_counter() - started
    print(next(line for line in out.splitlines() if line.startswith("Scaled data")))
    manage("shell", "-c", "from bench.run_benchmark import add_large_cohort_in_process as a; a()")
    manage("collectstatic", "--noinput", "-v0")
    return seconds


def session_cookie_in_process(email: str) -> str:
    """A signed-in session of this person, as the sign-in view would make it (Django set up)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from accounts.models import User

    user = User.objects.get(email=email)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if user.is_staff:
        # Staff must pass the second factor in production (STAFF_REQUIRE_2FA): the session of
        # one who has, as accounts.views' verification step leaves it.
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from accounts.security import HAS_DEVICE_SESSION_KEY

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="benchmark", confirmed=True)
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        store[HAS_DEVICE_SESSION_KEY] = True
    store.create()
    return store.session_key


def session_cookie(email: str) -> str:
    code = f"from bench.run_benchmark import session_cookie_in_process as s; print(s({email!r}))"
    return manage("shell", "-c", code, capture=True).strip().splitlines()[-1]


def add_large_cohort_in_process(films: int = 200) -> None:
    """A second stress cohort of `films` films beside the 40-film one, for the dashboard's row
    at two sizes. demo.scale makes one stress cohort; this one is made by its cohort builder as
    an archive cohort (every milestone handed in: the heavier matrix) and then set in training
    like the other."""
    import random

    from demo import scale
    from films.models import Film
    from programs.models import Cohort, Partner, Program
    from screenings.models import Venue
    from talents.models import Enrollment

    slug = f"stress-cohort-{films}"
    if Cohort.objects.filter(slug=slug).exists():
        return
    program = Program.objects.get(slug=scale.data.PROGRAM["slug"])
    poster = Film.objects.filter(poster_status=Film.PosterStatus.READY).first()
    scale._cohort(
        program, slug, 1998, films, random.Random(2026), poster,  # noqa: S311 (data, not secrets)
        Venue.objects.order_by("id").first(), list(Partner.objects.all()), scale.ScaleReport(),
    )  # fmt: skip
    Cohort.objects.filter(slug=slug).update(
        status=Cohort.Status.TRAINING,
        edition_en=f"Stress cohort ({films} films)",
        edition_zh=f"压力测试届（{films}部）",
    )
    Enrollment.objects.filter(cohort__slug=slug).update(status=Enrollment.Status.ACTIVE)


def milestone_path_in_process() -> str:
    """The director's first film's first milestone page."""
    from films.models import Film

    film = Film.objects.filter(director__user__email="director@talents.example").order_by("pk")[0]
    milestone = film.cohort.milestones.order_by("order")[0]
    return f"/portal/films/{film.pk}/milestones/{milestone.pk}/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            # A worker's first request imports every app; on a loaded machine that took over
            # gunicorn's default 30 s and the master killed the worker mid-healthz, again and
            # again (the deadline rush never started).
            "--timeout",
            os.environ.get("BENCH_GUNICORN_TIMEOUT", "180"),
        ],
        cwd=ROOT,
        env=environment(),
        start_new_session=True,
    )
    # Generous: on a machine others share, importing Django in each worker can take 30 s.
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        try:
            # Long enough for a worker's first request: a short one gave up and asked again,
            # queueing healthz after healthz behind the slow first answer.
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=60)
            return process
        except OSError:
            time.sleep(0.3)
    # Its own session: nothing else would stop it.
    os.killpg(process.pid, signal.SIGKILL)
    raise SystemExit("gunicorn did not start")


def token_in_process() -> str:
    """A token of the demo's staff member with every scope and no practical rate limit."""
    import datetime

    from django.utils import timezone

    from accounts.models import ApiToken, User
    from accounts.tokens import api_token_create

    staff = User.objects.get(email="staff@talents.example")
    _token, raw = api_token_create(
        user=staff,
        name="benchmark",
        scopes=ApiToken.Scope.values,
        expires_at=timezone.now() + datetime.timedelta(days=1),
        created_by=staff,
        requests_per_minute=100000,
    )
    return raw


def api_token() -> str:
    code = "from bench.run_benchmark import token_in_process as t; print(t())"
    return manage("shell", "-c", code, capture=True).strip().splitlines()[-1]


def headers_for(page: Page, cookies: dict[str, str]) -> dict[str, str]:
    headers = {
        "X-Forwarded-Proto": "https",
        "Accept-Language": "en",
        "Accept-Encoding": BROWSER_ACCEPT_ENCODING,
        **page.headers,
    }
    if page.login:
        headers["Cookie"] = f"sessionid={cookies[page.login]}"
    if page.token:
        headers["Authorization"] = f"Bearer {cookies['api-token']}"
    return headers


def check(page: Page, base: str, cookies: dict[str, str]) -> None:
    request = urllib.request.Request(base + page.path, headers=headers_for(page, cookies))
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        body = body.decode()
        if response.status != 200 or page.expect not in body:
            raise SystemExit(f"{page.name}: {response.status}, expected {page.expect!r} in body")
        etag = response.headers.get("ETag")
    if page.revalidate:
        page.headers["If-None-Match"] = etag
        request = urllib.request.Request(base + page.path, headers=headers_for(page, cookies))
        try:
            urllib.request.urlopen(request, timeout=10)
        except urllib.error.HTTPError as answer:
            if answer.code == 304:
                return
        raise SystemExit(f"{page.name}: expected 304 to If-None-Match {etag}")


def load(page: Page, base: str, cookies: dict[str, str]) -> dict:
    command = [
        "wrk",
        "-t2",
        f"-c{CONCURRENCY}",
        f"-d{DURATION}",
        f"--timeout={TIMEOUT}",
        "--latency",
    ]
    for key, value in headers_for(page, cookies).items():
        command += ["-H", f"{key}: {value}"]
    out = subprocess.run(
        [*command, base + page.path], capture_output=True, text=True, check=True
    ).stdout
    return parse_wrk(out)


def drain(base: str) -> None:
    """Waits until the workers are free: requests of a slow row that wrk left queued when it
    stopped would otherwise be served during the next row and count against it."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=30)
        except OSError:
            continue
        if time.monotonic() - started < 0.5:
            return


def parse_wrk(out: str) -> dict:
    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(x) for x in socket_errors.groups())
    return {"rps": rps, "p50_ms": latency("50%"), "p99_ms": latency("99%"), "errors": errors}


def count_queries(page_list: list[Page], cookies: dict[str, str]) -> dict[str, int]:
    """Queries per request, warm (second request), measured in-process with the same settings."""
    code = (
        "import json\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        f"pages = {[(p.name, p.path, p.login, headers_for(p, cookies)) for p in page_list]!r}\n"
        f"cookies = {cookies!r}\n"
        "out = {}\n"
        "for name, path, login, headers in pages:\n"
        "    extra = {'HTTP_' + k.upper().replace('-', '_'): v for k, v in headers.items() if k != 'Cookie'}\n"
        "    client = Client(SERVER_NAME='127.0.0.1', **extra)\n"
        "    if login:\n"
        "        client.cookies['sessionid'] = cookies[login]\n"
        "    client.get(path, secure=True)\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        client.get(path, secure=True)\n"
        "    out[name] = len(ctx.captured_queries)\n"
        "print(json.dumps(out))\n"
    )
    env_out = manage("shell", "-c", code, capture=True)
    return json.loads(env_out.strip().splitlines()[-1])


def worker_memory_mb(master: subprocess.Popen) -> float:
    children = subprocess.run(
        ["pgrep", "-P", str(master.pid)], capture_output=True, text=True
    ).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return max(sizes) if sizes else 0.0


def thumbnail_timings(repeats: int = 3) -> dict[str, float]:
    """Ours against a naive full decode + LANCZOS resize and a draft-mode best case; each makes
    the same six files (3 widths x WebP and JPEG) from one 6000x4000 JPEG."""
    sys.path.insert(0, str(ROOT))
    os.environ.update(environment())
    import django

    django.setup()
    from django.core.files.storage import FileSystemStorage
    from PIL import Image

    from core.images import THUMBNAIL_FORMATS, make_thumbnails

    widths = (320, 640, 1280)
    folder = Path(tempfile.mkdtemp(prefix="thumbs-"))
    source = folder / "poster.jpg"
    gradient = Image.linear_gradient("L").resize((6000, 4000))
    Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_180), gradient)).save(
        source, quality=90
    )
    storage = FileSystemStorage(location=folder)

    def save_all(image: Image.Image, width: int) -> None:
        for _extension, pil_format, options in THUMBNAIL_FORMATS:
            image.save(io.BytesIO(), format=pil_format, **options)

    def naive() -> None:
        with Image.open(source) as image:
            image.load()
            for width in widths:
                resized = image.resize(
                    (width, round(image.height * width / image.width)), Image.Resampling.LANCZOS
                )
                save_all(resized, width)

    def best_case() -> None:
        for width in widths:
            with Image.open(source) as image:
                image.draft("RGB", (width, width))
                image.thumbnail((width, 10_000))
                save_all(image, width)

    def ours() -> None:
        make_thumbnails(storage, "poster.jpg", widths)

    timings = {}
    for name, function in (("naive", naive), ("best case (draft)", best_case), ("ours", ours)):
        runs = []
        for _ in range(repeats):
            started = time.perf_counter()
            function()
            runs.append(time.perf_counter() - started)
        timings[name] = min(runs)
    shutil.rmtree(folder)
    return timings


def chart(page_list: list[Page], path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    width, row = 1100, 44
    image = Image.new("RGB", (width, 80 + row * len(page_list)), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=18)
    draw.text((20, 20), "Requests per second (share of the baseline)", fill="black", font=font)
    top = max(p.result["rps"] for p in page_list)
    for i, page in enumerate(page_list):
        y = 60 + i * row
        share = page.result["rps"] / page_list[0].result["rps"]
        bar = int((width - 420) * page.result["rps"] / top)
        colour = "#2a7d4f" if share >= page.target else "#b3261e"
        draw.text((20, y + 8), page.name, fill="black", font=font)
        draw.rectangle((300, y + 4, 300 + bar, y + row - 8), fill=colour)
        draw.text(
            (310 + bar, y + 8), f"{page.result['rps']:.0f} ({share:.0%})", fill="black", font=font
        )
    image.save(path)


def report(page_list, queries, memory_mb, thumbs, seed_seconds) -> str:
    base = page_list[0].result
    lines = [
        f"Scaled data set: seed_demo --scale {SCALE} in {seed_seconds:.1f}s. "
        f"wrk {CONCURRENCY} connections for {DURATION}, gunicorn {WORKERS} sync workers, "
        f"PostgreSQL, Redis cache, production settings.",
        "",
        "| page | req/s | vs baseline | target | p50 ms | p99 ms | p99 vs baseline | errors | queries |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in page_list:
        r = page.result
        lines.append(
            f"| {page.name} | {r['rps']:.0f} | {r['rps'] / base['rps']:.0%} | {page.target:.0%} "
            f"| {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['p99_ms'] / base['p99_ms']:.1f}x "
            f"| {r['errors']} | {queries.get(page.name, '-')} |"
        )
    lines += [
        "",
        f"Largest gunicorn worker after the load: {memory_mb:.0f} MB resident (target < 250 MB).",
        "",
        "Poster thumbnails of a 6000x4000 JPEG (six files, best of 3):",
        "",
        "| method | seconds | ours vs it |",
        "|---|---:|---:|",
    ]
    for name, seconds in thumbs.items():
        lines.append(f"| {name} | {seconds:.3f} | {thumbs['ours'] / seconds:.2f}x |")
    return "\n".join(lines) + "\n"


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    RESULTS.mkdir(exist_ok=True)
    seed_seconds = prepare_database()
    page_list = chosen_pages()
    code = "from bench.run_benchmark import milestone_path_in_process as m; print(m())"
    milestone = manage("shell", "-c", code, capture=True).strip().splitlines()[-1]
    for page in page_list:
        page.path = page.path.replace("{milestone}", milestone)
    cookies = {email: session_cookie(email) for email in {p.login for p in page_list if p.login}}
    cookies["api-token"] = api_token()
    port = free_port()
    server = start_gunicorn(port)
    base = f"http://127.0.0.1:{port}"
    try:
        for page in page_list:
            check(page, base, cookies)
        for page in page_list:
            page.result = load(page, base, cookies)
            print(f"{page.name:32} {page.result}")
            drain(base)
        memory_mb = worker_memory_mb(server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    queries = count_queries(page_list, cookies)
    thumbs = thumbnail_timings()
    table = report(page_list, queries, memory_mb, thumbs, seed_seconds)
    (RESULTS / "results.md").write_text(table)
    chart(page_list, RESULTS / "results.png")
    print(table)


if __name__ == "__main__":
    main()
