import datetime

import pytest
import time_machine
from django.utils import timezone

from core.models import TimeStampedModel
from tests.factories import TalentFactory

pytestmark = pytest.mark.django_db


def test_time_stamped_model_is_abstract_and_has_no_table():
    assert TimeStampedModel._meta.abstract is True


def test_time_stamped_model_records_creation_once_and_each_change():
    start = timezone.now()
    talent = TalentFactory()
    created = talent.created_at

    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        talent.bio_en = "Changed."
        talent.save()

    talent.refresh_from_db()
    assert talent.created_at == created
    assert talent.updated_at - created >= datetime.timedelta(minutes=59)
