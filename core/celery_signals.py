"""Carry the request id from the web request into the Celery tasks it enqueues, and log one
JSON line per task."""

import logging
import time

from celery import signals

from core.request_context import current_request_id, new_request_id

task_log = logging.getLogger("talents.tasks")
_started: dict[str, float] = {}
# The id a task's work was given, to be handed back when it ends: an eager task, or the next
# task in a worker thread, must not carry a finished task's id.
_id_tokens: dict[str, object] = {}


@signals.before_task_publish.connect
def add_request_id_header(headers=None, **kwargs) -> None:
    if headers is not None:
        headers.setdefault("request_id", current_request_id.get())


@signals.task_prerun.connect
def take_request_id(task_id=None, task=None, **kwargs) -> None:
    request = task.request if task else None
    incoming = getattr(request, "request_id", None) or (
        getattr(request, "headers", None) or {}
    ).get("request_id")
    if incoming:
        _id_tokens[task_id] = current_request_id.set(new_request_id(incoming))
    elif current_request_id.get() == "-":
        # A task started by beat or by hand: give its work an id of its own. (An eager task
        # runs inside the request and keeps the request's id.)
        _id_tokens[task_id] = current_request_id.set(new_request_id())
    _started[task_id] = time.perf_counter()


@signals.task_postrun.connect
def log_task(task_id=None, task=None, state=None, **kwargs) -> None:
    started = _started.pop(task_id, None)
    task_log.info(
        "task",
        extra={
            "task": task.name if task else "?",
            "task_id": task_id,
            "state": state,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        },
    )
    token = _id_tokens.pop(task_id, None)
    if token is not None:
        try:
            current_request_id.reset(token)
        except ValueError:  # set in another context (a thread pool): that context ends with it
            current_request_id.set("-")
