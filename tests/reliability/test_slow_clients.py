"""Slow clients do not hold gunicorn's sync workers when nginx is in front (issue 15, Medium 7).
Without a proxy, three clients sending a body at one byte a second blocked every worker for
about 30 s. Debian's nginx with deploy/nginx.conf buffers each request body before it reaches
gunicorn, so a normal request is answered at once while five such clients trickle.

The bound is loose (a second): a property of buffering, not a speed benchmark."""

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, _free_port, _wait_for_port

pytestmark = pytest.mark.worker

NGINX_CONF = PROJECT_ROOT / "deploy" / "nginx.conf"
SLOW_CLIENTS = 5


def nginx_config(folder: Path, listen: int, upstream: int) -> Path:
    """deploy/nginx.conf as it is, with only the addresses changed (and the media bucket's
    location, which needs MinIO, left out), inside a minimal main configuration."""
    site = NGINX_CONF.read_text()
    site = site.replace("server web:8000;", f"server 127.0.0.1:{upstream};")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{listen};")
    site = re.sub(r"\n    location /media/ \{.*?\n    \}\n", "\n", site, flags=re.DOTALL)
    site = site.replace("/var/log/nginx/access.log", str(folder / "access.log"))
    main = folder / "nginx.conf"
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir()
    main.write_text(
        f"worker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        f"  client_body_temp_path {temp['body']};\n  proxy_temp_path {temp['proxy']};\n"
        f"  fastcgi_temp_path {temp['fastcgi']};\n  uwsgi_temp_path {temp['uwsgi']};\n"
        f"  scgi_temp_path {temp['scgi']};\n"
        f"{site}\n}}\n"
    )
    return main


def start(arguments: list[str], **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        arguments,
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def trickle(port: int, stop: threading.Event) -> None:
    """A POST whose 100-byte body comes one byte a second."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(
            b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n"
        )
        while not stop.wait(1):
            try:
                sock.sendall(b"a")
            except OSError:
                return


def timed_get(url: str) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310 (our own local server)
        assert answer.status == 200
    return time.monotonic() - started


@pytest.fixture
def nginx_in_front_of_gunicorn(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "./dev test installs Debian's nginx"
    app, front = _free_port(), _free_port()
    gunicorn = start(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{app}",
         "--workers", "2", "--worker-class", "sync", "--timeout", "60"],
        DJANGO_SETTINGS_MODULE="config.settings",
    )  # fmt: skip
    proxy = start([nginx, "-c", str(nginx_config(tmp_path, front, app)), "-g", "daemon off;"])
    try:
        _wait_for_port("127.0.0.1", app)
        _wait_for_port("127.0.0.1", front)
        yield front, app
    finally:
        for process in (proxy, gunicorn):
            process.terminate()
            process.wait(timeout=15)


def test_five_slow_clients_do_not_delay_a_normal_request(nginx_in_front_of_gunicorn):
    front, _app = nginx_in_front_of_gunicorn
    timed_get(f"http://127.0.0.1:{front}/healthz")  # the workers have loaded the app
    stop = threading.Event()
    clients = [
        threading.Thread(target=trickle, args=(front, stop), daemon=True)
        for _ in range(SLOW_CLIENTS)
    ]
    for client in clients:
        client.start()
    time.sleep(3)  # the slow bodies are under way, a few bytes each

    took = timed_get(f"http://127.0.0.1:{front}/healthz")
    stop.set()

    assert took < 1.0


def test_without_nginx_the_same_clients_hold_every_worker(nginx_in_front_of_gunicorn):
    """The finding itself, so that the test above is known to measure something."""
    _front, app = nginx_in_front_of_gunicorn
    timed_get(f"http://127.0.0.1:{app}/healthz")
    stop = threading.Event()
    for _ in range(SLOW_CLIENTS):
        threading.Thread(target=trickle, args=(app, stop), daemon=True).start()
    time.sleep(3)

    try:
        with pytest.raises(OSError):  # a timeout: no worker is free
            urllib.request.urlopen(f"http://127.0.0.1:{app}/healthz", timeout=3).close()
    finally:
        stop.set()
