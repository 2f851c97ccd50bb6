import datetime

import pytest
from django.core.exceptions import ValidationError

from outbox.models import OutboxMessage
from tests.factories import CohortFactory, EnrollmentFactory, TalentFactory, UserFactory
from tests.factories.programs import earlier_cohort_with_schedule
from tests.factories.workspace import cohort_people
from workspace.models import Announcement
from workspace.services import (
    announcement_recipients,
    announcement_send,
    cohort_create_from,
)

pytestmark = pytest.mark.django_db


def new_cohort_fields(**fields) -> dict:
    return {
        "program": CohortFactory().program,
        "slug": "c-2032",
        "year": 2032,
        "training_start": datetime.date(2032, 3, 1),
        "training_end": datetime.date(2032, 9, 1),
        "edition_en": "2032",
    } | fields


def test_announcement_recipients_by_audience():
    cohort = cohort_people()

    def emails(audience):
        return sorted(r.email for r in announcement_recipients(cohort=cohort, audience=audience))

    assert emails("cohort") == ["panel@example.org", "producer@example.org", "zh@example.org"]
    assert emails("directors") == ["zh@example.org"]
    assert emails("producers") == ["producer@example.org"]
    assert emails("panel") == ["panel@example.org"]


def test_announcement_recipients_count_a_person_once_by_address_in_any_case():
    cohort = CohortFactory()
    EnrollmentFactory(cohort=cohort, talent=TalentFactory(email="Same@example.org"))
    EnrollmentFactory(cohort=cohort, talent=TalentFactory(email="same@example.org"))

    found = announcement_recipients(cohort=cohort, audience="directors")

    assert [r.email for r in found] == ["Same@example.org"]


def test_announcement_recipients_use_the_profile_address_when_the_account_is_inactive():
    cohort = CohortFactory()
    user = UserFactory(email="login@example.org", is_active=False)
    EnrollmentFactory(
        cohort=cohort, talent=TalentFactory(user=user, email="contact@example.org", name_latin="Li")
    )

    found = announcement_recipients(cohort=cohort, audience="directors")

    assert [(r.email, r.language) for r in found] == [("contact@example.org", "zh-hans")]


def test_announcement_send_records_it_and_writes_one_message_each_in_their_language():
    cohort = cohort_people()
    staff = UserFactory(is_staff=True)

    announcement = announcement_send(
        cohort=cohort,
        sent_by=staff,
        subject_zh="通知",
        subject_en="Notice",
        body_zh="内容",
        body_en="Text",
    )

    messages = dict(OutboxMessage.objects.values_list("recipient", "language"))
    assert announcement.recipient_count == 3
    assert messages == {
        "zh@example.org": "zh-hans",
        "panel@example.org": "en",
        "producer@example.org": "zh-hans",
    }
    assert set(OutboxMessage.objects.values_list("cause", flat=True)) == {
        f"announcement:{announcement.pk}"
    }


def test_announcement_send_without_a_message_is_refused_and_sends_nothing():
    cohort = cohort_people()

    with pytest.raises(ValidationError):
        announcement_send(cohort=cohort, sent_by=UserFactory(is_staff=True), subject_en="Notice")

    assert (Announcement.objects.count(), OutboxMessage.objects.count()) == (0, 0)


def test_cohort_create_from_copies_the_schedule_shifted_by_the_training_start():
    source = earlier_cohort_with_schedule()

    cohort = cohort_create_from(copy_from=source, **new_cohort_fields())

    assert list(cohort.milestones.order_by("order").values_list("due_date", flat=True)) == [
        datetime.date(2032, 3, 15),
        datetime.date(2032, 8, 1),
    ]


def test_cohort_create_from_with_an_explicit_shift_or_nothing_to_copy():
    source = earlier_cohort_with_schedule()

    shifted = cohort_create_from(copy_from=source, shift_days=7, **new_cohort_fields())
    empty = cohort_create_from(**new_cohort_fields(slug="c-2033", year=2033))

    assert shifted.milestones.order_by("order").first().due_date == datetime.date(2031, 3, 22)
    assert empty.milestones.count() == 0
