import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from mentors.services import panel_member_add
from programs.services import cohort_create
from tests.factories import CohortFactory, MentorFactory, PanelMembershipFactory, ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # These tests read the messages in English; the default language is Chinese.
    with translation.override("en"):
        yield


def test_cohort_training_must_end_after_it_starts():
    program = ProgramFactory()

    with pytest.raises(ValidationError) as error:
        cohort_create(
            program=program,
            slug="x",
            year=2021,
            training_start=datetime.date(2021, 9, 1),
            training_end=datetime.date(2021, 3, 1),
            edition_en="11th BJIFF",
        )

    assert error.value.messages == ["Training must end after it starts."]


def test_cohort_slug_is_unique():
    cohort = CohortFactory(slug="11th-bjiff")

    with pytest.raises(ValidationError) as error:
        cohort_create(
            program=cohort.program,
            slug="11th-bjiff",
            year=2022,
            training_start=datetime.date(2022, 3, 1),
            training_end=datetime.date(2022, 9, 1),
        )

    assert "slug" in error.value.message_dict


def test_panel_has_one_supervisor():
    seat = PanelMembershipFactory(role="supervisor")

    with pytest.raises(ValidationError) as error:
        panel_member_add(cohort=seat.cohort, mentor=MentorFactory(), role="supervisor")

    assert error.value.messages == ["This cohort already has a supervisor."]
