"""rights.models: what a licence covers, and what the model and the database refuse."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rights.models import Licence, LicenceWarning
from tests.factories.rights import LicenceFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2027, 5, 1)


def licence(**fields) -> Licence:
    defaults = {
        "starts_on": DAY,
        "ends_on": DAY + datetime.timedelta(days=9),
        "covers_streaming": True,
    }
    return Licence(**(defaults | fields))


def test_a_licence_covers_its_medium_only_and_only_inside_its_days_both_ends_included():
    streaming = licence()
    last = DAY + datetime.timedelta(days=9)

    assert streaming.covers("streaming", DAY, last)
    assert not streaming.covers("festival", DAY, last)
    assert not streaming.covers("streaming", DAY - datetime.timedelta(days=1), last)
    assert not streaming.covers("streaming", DAY, last + datetime.timedelta(days=1))


def test_clean_refuses_a_licence_ending_before_it_starts_on_its_end_date():
    backwards = licence(ends_on=DAY - datetime.timedelta(days=1))

    with pytest.raises(ValidationError) as refused:
        backwards.clean()

    assert list(refused.value.message_dict) == ["ends_on"]


def test_the_database_refuses_a_reversed_licence_and_one_covering_nothing():
    existing = LicenceFactory()

    for change in (
        {"ends_on": existing.starts_on - datetime.timedelta(days=1)},
        {"covers_streaming": False},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Licence.objects.filter(pk=existing.pk).update(**change)


def test_one_warning_per_licence_and_end_date():
    existing = LicenceFactory()
    LicenceWarning.objects.create(licence=existing, ends_on=existing.ends_on)

    with pytest.raises(IntegrityError), transaction.atomic():
        LicenceWarning.objects.create(licence=existing, ends_on=existing.ends_on)
    LicenceWarning.objects.create(
        licence=existing, ends_on=existing.ends_on + datetime.timedelta(days=1)
    )

    assert existing.warnings.count() == 2
