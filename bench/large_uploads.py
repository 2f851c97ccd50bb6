"""A master of many gigabytes handed in both ways (issue 20), against gunicorn (2 sync workers)
with production settings on PostgreSQL:

    .venv/bin/python bench/large_uploads.py          (LARGE_UPLOAD_GB=5 by default)

1. local disk (the embedded default): the tus protocol the portal's uploader speaks, in
   LARGE_UPLOAD_CHUNK_MB chunks, each PATCH appended to the file on disk by a web worker;
2. object storage: S3 multipart against moto's server on localhost, each part signed by our
   server (with its SHA-256) and PUT straight to the bucket, completed by our server; the web
   workers never see the bytes.

Halfway, each path loses its connection in the middle of a request (a chunk to our server, a
part to the bucket: the connection reset, as when the browser goes offline) and resumes from
what the server confirms it holds. Each ends with the hand-in (the header read by ffprobe, the submission saved). The file is a
short real clip followed by zeros, produced while it is sent (nothing of its size on disk on
the client's side). Prints the throughput and the web workers' resident memory before and at
its peak (sampled every 0.2 s). Tasks are queued to the benchmark's Redis, not run: the
worker's streamed SHA-256 is measured by its own tests. Not a test: figures belong here."""

from __future__ import annotations

import base64
import hashlib
import http.client
import io
import json
import os
import shutil
import signal
import socket
import struct
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
        "BENCH_UPLOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/talents_upload_bench"
    ),
)

from bench import run_benchmark as bench  # noqa: E402 - reads BENCH_DATABASE_URL on import

GIGABYTES = float(os.environ.get("LARGE_UPLOAD_GB", "5"))
CHUNK_MB = int(os.environ.get("LARGE_UPLOAD_CHUNK_MB", "64"))
PART_MB = int(os.environ.get("LARGE_UPLOAD_PART_MB", "64"))
PARALLEL_PARTS = 4
CSRF = "bigbigbigbigbigbigbigbigbigbigbi"
BLOCK = 1024 * 1024


def require(condition: bool, detail) -> None:
    if not condition:
        raise SystemExit(f"unexpected answer: {detail}")


class Master:
    """A clip followed by zeros up to `size` bytes, read as a file would be."""

    def __init__(self, clip: bytes, size: int) -> None:
        self.clip, self.size = clip, size

    def read_range(self, start: int, length: int) -> bytes:
        end = min(start + length, self.size)
        head = self.clip[start:end] if start < len(self.clip) else b""
        return head + bytes(end - start - len(head))

    def sha256(self) -> str:
        digest = hashlib.sha256()
        for start in range(0, self.size, 64 * BLOCK):
            digest.update(self.read_range(start, 64 * BLOCK))
        return digest.hexdigest()


class RangeReader:
    """A file-like view of bytes [start, start + length) of a Master, for http.client."""

    def __init__(self, master: Master, start: int, length: int) -> None:
        self.master, self.position, self.end = master, start, start + length

    def read(self, size: int = BLOCK) -> bytes:
        size = min(size if size > 0 else BLOCK, self.end - self.position)
        data = self.master.read_range(self.position, size)
        self.position += len(data)
        return data


class Memory(threading.Thread):
    def __init__(self, master: subprocess.Popen) -> None:
        super().__init__(daemon=True)
        self.master, self.running, self.peak = master, True, 0.0

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, bench.worker_memory_mb(self.master))
            time.sleep(0.2)


def clip_bytes(folder: Path) -> bytes:
    path = folder / "clip.mp4"
    subprocess.run(
        [
            "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=1920x1080:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-ac", "2", "-t", "2",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-movflags", "+faststart", str(path),
        ],
        check=True,
        timeout=120,
    )  # fmt: skip
    return path.read_bytes()


def build() -> tuple[str, int, int]:
    """A director's session, the film and a video milestone taking 50 GB."""
    import django

    os.environ.update(bench.environment())
    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from tests.factories import MilestoneFactory
    from tests.factories.portal import portal_world

    world = portal_world()
    milestone = MilestoneFactory(
        cohort=world.cohort, order=20, deliverable_kind="video", max_upload_bytes=50 * 1024**3
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(world.director.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = world.director.get_session_auth_hash()
    store.create()
    return store.session_key, world.film.pk, milestone.pk


def request(base, method, path, session, body=None, headers=None, length=None):
    host, port = base.split("//", 1)[1].split(":")
    sent = {
        "Cookie": f"sessionid={session}; csrftoken={CSRF}",
        "X-CSRFToken": CSRF,
        "X-Forwarded-Proto": "https",
        "Origin": f"https://{host}:{port}",
        "Referer": f"https://{host}:{port}/",
        **(headers or {}),
    }
    if length is not None:
        sent["Content-Length"] = str(length)
    connection = http.client.HTTPConnection(host, int(port), timeout=600, blocksize=BLOCK)
    connection.request(method, path, body=body, headers=sent)
    answer = connection.getresponse()
    content = answer.read()
    connection.close()
    return answer.status, dict(answer.getheaders()), content


def dropped_request(base, method, path, session, reader, headers, length, cut_after) -> None:
    """The headers and the first `cut_after` bytes of a body of `length`, then the connection
    reset: the network gone mid-request, as when the browser goes offline (Chromium resets its
    connections). The server must keep what it confirmed and nothing of the rest."""
    host, port = base.split("//", 1)[1].split(":")
    sent = {
        "Host": f"{host}:{port}",
        "Cookie": f"sessionid={session}; csrftoken={CSRF}",
        "X-CSRFToken": CSRF,
        "X-Forwarded-Proto": "https",
        "Origin": f"https://{host}:{port}",
        "Referer": f"https://{host}:{port}/",
        "Content-Length": str(length),
        **(headers or {}),
    }
    connection = socket.create_connection((host, int(port)), timeout=60)
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in sent.items())
    connection.sendall(head.encode() + b"\r\n")
    remaining = cut_after
    while remaining:
        data = reader.read(min(BLOCK, remaining))
        connection.sendall(data)
        remaining -= len(data)
    # A reset, not a goodbye: linger 0 sends RST.
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


def hand_in(base, session, film, milestone, token) -> int:
    body = f"csrfmiddlewaretoken={CSRF}&upload={token}&note=Master".encode()
    path = f"/portal/films/{film}/milestones/{milestone}/submit/"
    status, _headers, _content = request(
        base, "POST", path, session, body, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    return status


def local_path(base, session, film, milestone, master: Master) -> dict:
    from films.models import DeliverableUpload, MilestoneSubmission

    metadata = "filename " + base64.b64encode(b"Master.mp4").decode()
    tus = {"Tus-Resumable": "1.0.0"}
    status, headers, _ = request(
        base, "POST", f"/portal/films/{film}/milestones/{milestone}/uploads/", session,
        headers={**tus, "Upload-Length": str(master.size), "Upload-Metadata": metadata},
    )  # fmt: skip
    require(status == 201, status)
    location = headers["Location"].split("://", 1)[-1]
    location = location[location.index("/") :] if not location.startswith("/") else location
    chunk = CHUNK_MB * BLOCK
    patch = {**tus, "Content-Type": "application/offset+octet-stream"}
    started = time.perf_counter()
    offset, dropped, resumed = 0, None, None
    while offset < master.size:
        length = min(chunk, master.size - offset)
        if dropped is None and offset + length > master.size // 2:
            # Halfway, the network goes mid-chunk; the uploader asks where the upload stands
            # (HEAD) and goes on from there, as the portal's uploader does when it is back.
            dropped_request(
                base, "PATCH", location, session, RangeReader(master, offset, length),
                {**patch, "Upload-Offset": str(offset)}, length, cut_after=length // 2,
            )  # fmt: skip
            dropped = offset + length // 2
            offset = resumed = _confirmed_offset(base, location, session, tus)
            require(offset <= dropped, (offset, dropped))
            continue
        status, _h, content = request(
            base, "PATCH", location, session, RangeReader(master, offset, length),
            {**patch, "Upload-Offset": str(offset)}, length=length,
        )  # fmt: skip
        require(status == 204, (status, content[:200]))
        offset += length
    seconds = time.perf_counter() - started
    token = DeliverableUpload.objects.get(film_id=film, milestone_id=milestone).token
    handed = hand_in(base, session, film, milestone, token)
    # The bytes kept from the cut chunk and those sent after it: the file is the master, whole.
    delivered = MilestoneSubmission.objects.get(film_id=film, milestone_id=milestone).file
    with delivered.open("rb") as stored:
        digest = hashlib.file_digest(stored, "sha256").hexdigest()
    require(digest == master.sha256(), "the delivered file differs from the master")
    return {"seconds": seconds, "hand_in": handed, "dropped_at": dropped, "resumed_at": resumed}


def _confirmed_offset(base, location, session, tus) -> int:
    """The offset the server confirms after a drop. The worker that was reading the cut chunk
    may still hold the upload's lock for a moment (423 or a stale offset): ask again."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status, headers, _ = request(base, "HEAD", location, session, headers=tus)
        if status == 200:
            return int(headers["Upload-Offset"])
        time.sleep(0.2)
    raise SystemExit("the upload's offset was never confirmed after the drop")


def multipart_path(base, session, film, milestone, master: Master) -> dict:
    import concurrent.futures

    import requests

    path = f"/portal/films/{film}/milestones/{milestone}/multipart/"
    body = json.dumps({"filename": "Master.mp4", "size": master.size}).encode()
    status, _h, content = request(
        base, "POST", path, session, body, {"Content-Type": "application/json"}
    )
    require(status == 201, (status, content[:300]))
    started_upload = json.loads(content)
    part = started_upload["partBytes"]
    numbers = list(range(1, -(-master.size // part) + 1))

    def send(number: int) -> None:
        data = master.read_range((number - 1) * part, part)
        url = _signed_part(base, session, started_upload, number, data)
        checksum = _checksum(data)
        put = requests.put(url, data=data, headers={"x-amz-checksum-sha256": checksum}, timeout=600)
        require(put.status_code == 200, (put.status_code, put.text[:200]))

    started = time.perf_counter()
    half = numbers[: len(numbers) // 2]
    with concurrent.futures.ThreadPoolExecutor(PARALLEL_PARTS) as pool:
        list(pool.map(send, half))
    # Halfway, the network goes in the middle of a part's PUT to the bucket; the uploader asks
    # our server which parts the bucket holds and sends the others.
    cut = half[-1] + 1
    data = master.read_range((cut - 1) * part, part)
    url = _signed_part(base, session, started_upload, cut, data)
    bucket = url.split("//", 1)[1].split("/", 1)
    dropped_request(
        "http://" + bucket[0], "PUT", "/" + bucket[1], session, io.BytesIO(data),
        {"x-amz-checksum-sha256": _checksum(data)}, len(data), cut_after=len(data) // 2,
    )  # fmt: skip
    status, _h, answer = request(base, "GET", started_upload["parts"], session)
    require(status == 200, (status, answer[:200]))
    held = {done["number"] for done in json.loads(answer)["done"]}
    require(held == set(half), ("the bucket holds", sorted(held)[-3:], "after", half[-1]))
    with concurrent.futures.ThreadPoolExecutor(PARALLEL_PARTS) as pool:
        list(pool.map(send, [number for number in numbers if number not in held]))
    status, _h, answer = request(base, "POST", started_upload["complete"], session, b"")
    require(status == 200, (status, answer[:300]))
    seconds = time.perf_counter() - started
    handed = hand_in(base, session, film, milestone, started_upload["token"])
    return {
        "seconds": seconds, "hand_in": handed, "parts": len(numbers),
        "dropped_at": (cut - 1) * part + len(data) // 2, "resumed_at": len(held) * part,
    }  # fmt: skip


def _checksum(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def _signed_part(base, session, started_upload, number: int, data: bytes) -> str:
    sign = json.dumps({"parts": {str(number): _checksum(data)}}).encode()
    status, _h, answer = request(
        base, "POST", started_upload["sign"], session, sign, {"Content-Type": "application/json"}
    )
    require(status == 200, (status, answer[:200]))
    return json.loads(answer)["urls"][str(number)]


def measured(name: str, run, session, film, milestone, master: Master) -> None:
    port = bench.free_port()
    server = bench.start_gunicorn(port)
    try:
        before = bench.worker_memory_mb(server)
        memory = Memory(server)
        memory.start()
        result = run(f"http://127.0.0.1:{port}", session, film, milestone, master)
        memory.running = False
        memory.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    rate = master.size / BLOCK / result["seconds"]
    print(
        f"{name}: {master.size / 1024**3:.1f} GB in {result['seconds']:.0f} s ({rate:.0f} MB/s); "
        f"hand-in answered {result['hand_in']}; largest web worker {before:.0f} MB before, "
        f"{memory.peak:.0f} MB at its peak (+{memory.peak - before:.0f} MB)"
        + (f"; {result['parts']} parts" if "parts" in result else "")
        + f"; connection reset at byte {result['dropped_at']:,}, resumed from the confirmed "
        f"{result['resumed_at']:,}"
        + ("; delivered file's SHA-256 = the master's" if name.startswith("local") else ""),
        flush=True,
    )


def moto() -> tuple[subprocess.Popen, str]:
    import boto3

    port = bench.free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            client = boto3.client(
                "s3", endpoint_url=endpoint, aws_access_key_id="bench",
                aws_secret_access_key="bench", region_name="us-east-1",  # noqa: S106
            )  # fmt: skip
            client.create_bucket(Bucket="bench-public")
            client.create_bucket(Bucket="bench-private")
            return server, endpoint
        except Exception:  # not listening yet
            time.sleep(0.2)
    raise SystemExit("moto's server did not start")


def main() -> None:
    bench.RESULTS.mkdir(exist_ok=True)
    name = bench.DATABASE_URL.rsplit("/", 1)[1]
    import psycopg

    with psycopg.connect(bench.DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        c.execute(f'CREATE DATABASE "{name}"')
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"  # queued, not run in the web worker
    os.environ.setdefault("CELERY_BROKER_URL", bench.REDIS_URL)
    bench.manage("migrate", "--noinput", "-v0")
    bench.manage("collectstatic", "--noinput", "-v0")
    size = int(GIGABYTES * 1024**3)
    with tempfile.TemporaryDirectory() as folder:
        master = Master(clip_bytes(Path(folder)), size)
    environment = bench.environment
    bench.environment = lambda: {**environment(), "CELERY_TASK_ALWAYS_EAGER": "false"}
    session, film, milestone = build()
    measured("local disk (tus chunks)", local_path, session, film, milestone, master)

    storage, endpoint = moto()
    try:
        s3 = {
            "S3_PUBLIC_BUCKET": "bench-public",
            "S3_PRIVATE_BUCKET": "bench-private",
            "S3_ENDPOINT_URL": endpoint,
            "S3_ACCESS_KEY_ID": "bench",
            "S3_SECRET_ACCESS_KEY": "bench",
            "DELIVERABLE_PART_BYTES": str(PART_MB * BLOCK),
        }
        bench.environment = lambda: {**environment(), "CELERY_TASK_ALWAYS_EAGER": "false", **s3}
        second = build()
        measured("object storage (S3 multipart)", multipart_path, *second, master)
    finally:
        storage.terminate()
        storage.wait(timeout=30)
        # The delivered master and any chunk left: gigabytes nobody needs after the figures.
        for folder in ("deliverables", "incoming"):
            shutil.rmtree(bench.RESULTS / "private" / folder, ignore_errors=True)


if __name__ == "__main__":
    main()
