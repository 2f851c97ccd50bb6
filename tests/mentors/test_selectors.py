"""mentors.selectors: panel seats, and which of them the public sees."""

import pytest

from mentors.selectors import panel_for_cohort, panel_seats_public
from programs.models import Cohort
from tests.factories import CohortFactory, MentorFactory, PanelMembershipFactory

pytestmark = pytest.mark.django_db


def test_panel_for_cohort_in_the_cohort_order():
    cohort = CohortFactory()
    second = PanelMembershipFactory(cohort=cohort, order=2)
    first = PanelMembershipFactory(cohort=cohort, order=1)
    PanelMembershipFactory()

    assert list(panel_for_cohort(cohort)) == [first, second]


def test_panel_seats_public_leaves_out_cohorts_in_planning_newest_first():
    mentor = MentorFactory()
    older = PanelMembershipFactory(mentor=mentor, cohort=CohortFactory(year=2021))
    newer = PanelMembershipFactory(mentor=mentor, cohort=CohortFactory(year=2024))
    PanelMembershipFactory(mentor=mentor, cohort=CohortFactory(status=Cohort.Status.PLANNING))

    assert list(panel_seats_public(mentor)) == [newer, older]
