"""Cheap, unauthenticated health checks for load balancers and orchestrators. They say which
component is down, never how it is configured."""

import logging
import uuid

from celery import current_app
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request) -> JsonResponse:
    """The process is alive and answers."""
    return JsonResponse({"status": "ok"})


def baseline(request) -> HttpResponse:
    """The benchmark's ceiling: a fixed string through the same middleware as every page."""
    return HttpResponse("ok", content_type="text/plain")


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", 5)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not keep a value")
    cache.delete(key)


def _broker() -> None:
    # The app config.celery made (config imports core, never the reverse).
    app = current_app._get_current_object()
    if app.conf.task_always_eager:
        return
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def _storage() -> None:
    for alias in ("default", "private"):
        storage = storages[alias]
        name = storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        storage.delete(name)


CHECKS = {"database": _database, "cache": _cache, "broker": _broker, "storage": _storage}


@never_cache
def readyz(request) -> JsonResponse:
    """Every service the app needs is reachable."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception:
            logger.exception("readiness check %s failed", name)
            results[name] = "error"
    ready = all(value == "ok" for value in results.values())
    status = 200 if ready else 503
    return JsonResponse({"status": "ok" if ready else "error", "checks": results}, status=status)
