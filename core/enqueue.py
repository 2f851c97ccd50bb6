"""The one way to hand work to a Celery worker from a write: after the transaction commits, so
the worker never reads a row that is not there yet (or was rolled back), and robustly, so a
broker that is down does not turn a saved change into an error page. What is enqueued must be
recoverable without the message: its row keeps a state (a poster still "processing", an outbox
message still pending) from which it can be enqueued again."""

from django.db import transaction


def enqueue_after_commit(task, /, **kwargs) -> None:
    """`task.delay(**kwargs)` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: task.delay(**kwargs), robust=True)
