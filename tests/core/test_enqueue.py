"""core.enqueue: work goes to the queue only once the write commits, and a broker that is down
does not undo the write."""

import pytest
from django.db import transaction

from core.enqueue import enqueue_after_commit
from programs.models import Program
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


class Task:
    def __init__(self, *, fails: bool = False) -> None:
        self.calls: list[dict] = []
        self.fails = fails

    def delay(self, **kwargs) -> None:
        if self.fails:
            raise ConnectionError("broker down")
        self.calls.append(kwargs)


def test_enqueue_after_commit_waits_for_the_commit(django_capture_on_commit_callbacks):
    task = Task()

    with django_capture_on_commit_callbacks(execute=True):
        enqueue_after_commit(task, film_id=7)
        before_commit = list(task.calls)

    assert before_commit == []
    assert task.calls == [{"film_id": 7}]


def test_enqueue_after_commit_sends_nothing_when_the_write_rolls_back(
    django_capture_on_commit_callbacks,
):
    task = Task()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                enqueue_after_commit(task, film_id=7)
                raise RuntimeError("the write failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert task.calls == []


def test_enqueue_after_commit_keeps_the_write_when_the_broker_is_down(
    django_capture_on_commit_callbacks,
):
    task = Task(fails=True)

    with django_capture_on_commit_callbacks(execute=True):
        program = ProgramFactory()
        enqueue_after_commit(task, program_id=program.pk)

    assert Program.objects.filter(pk=program.pk).exists()
