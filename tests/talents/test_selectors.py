"""talents.selectors: a director is public while enrolled, not withdrawn, in a public cohort."""

import pytest

from programs.models import Cohort
from talents.models import Enrollment
from talents.selectors import directors_for_cohort, enrollments_for_talent, talents_public
from tests.factories import CohortFactory, EnrollmentFactory, TalentFactory

pytestmark = pytest.mark.django_db


def test_talents_public_only_enrolled_in_a_public_cohort_and_not_withdrawn():
    public = EnrollmentFactory(cohort=CohortFactory(status=Cohort.Status.PREMIERED)).talent
    EnrollmentFactory(cohort=CohortFactory(status=Cohort.Status.PLANNING))
    EnrollmentFactory(
        cohort=CohortFactory(status=Cohort.Status.TRAINING), status=Enrollment.Status.WITHDRAWN
    )
    TalentFactory()

    assert list(talents_public()) == [public]


def test_enrollments_for_talent_newest_cohort_first_public_only():
    talent = TalentFactory()
    older = EnrollmentFactory(talent=talent, cohort=CohortFactory(year=2021))
    newer = EnrollmentFactory(talent=talent, cohort=CohortFactory(year=2024))
    EnrollmentFactory(talent=talent, cohort=CohortFactory(status=Cohort.Status.PLANNING))

    assert list(enrollments_for_talent(talent)) == [newer, older]


def test_directors_for_cohort_leaves_out_the_withdrawn():
    cohort = CohortFactory()
    staying = EnrollmentFactory(cohort=cohort)
    EnrollmentFactory(cohort=cohort, status=Enrollment.Status.WITHDRAWN)

    assert list(directors_for_cohort(cohort)) == [staying]
