"""programs.selectors: which cohorts are public and which one the home page presents."""

import pytest

from programs.models import Cohort
from programs.selectors import cohort_current, cohorts_public, partnerships_for_cohort
from tests.factories import CohortFactory, CohortPartnerFactory

pytestmark = pytest.mark.django_db


def test_cohorts_public_newest_first_without_those_in_planning():
    older = CohortFactory(year=2021, status=Cohort.Status.ARCHIVED)
    newer = CohortFactory(year=2024, status=Cohort.Status.TRAINING)
    CohortFactory(year=2025, status=Cohort.Status.PLANNING)

    assert list(cohorts_public()) == [newer, older]
    assert cohort_current() == newer


def test_cohort_current_is_none_before_any_cohort_is_public():
    CohortFactory(status=Cohort.Status.PLANNING)

    assert cohort_current() is None


def test_partnerships_for_cohort_in_their_order():
    cohort = CohortFactory()
    second = CohortPartnerFactory(cohort=cohort, order=2)
    first = CohortPartnerFactory(cohort=cohort, order=1)

    assert list(partnerships_for_cohort(cohort)) == [first, second]
