"""A cohort in training at a chosen size, for the staff workspace's pages and their query-count
tests: films with directors and producers, a milestone schedule around today, and submissions
in every status."""

import datetime
from dataclasses import dataclass, field

import factory
from django.utils import timezone

from films.models import Film, MilestoneSubmission
from programs.models import Cohort, MilestoneDefinition
from tests.factories.accounts import UserFactory
from tests.factories.films import FilmFactory, SubmissionFactory
from tests.factories.mentors import MentorFactory, PanelMembershipFactory
from tests.factories.programs import CohortFactory, MilestoneFactory
from tests.factories.talents import EnrollmentFactory, TalentFactory
from workspace.models import Announcement

STATUS_CYCLE = [
    MilestoneSubmission.Status.APPROVED,
    MilestoneSubmission.Status.SUBMITTED,
    MilestoneSubmission.Status.CHANGES_REQUESTED,
    None,  # not started
]


@dataclass
class TrainingCohort:
    cohort: Cohort
    milestones: list[MilestoneDefinition] = field(default_factory=list)
    films: list[Film] = field(default_factory=list)


def training_cohort(*, films: int = 4, milestones: int = 12) -> TrainingCohort:
    """Milestones due every 10 days from 60 days ago (so some are overdue); film i has its first
    milestones approved, then one submitted, one sent back, the rest not started."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=70)
    cohort = CohortFactory(
        training_start=start,
        training_end=start + datetime.timedelta(days=200),
        premiere_date=start + datetime.timedelta(days=220),
    )
    built = TrainingCohort(cohort=cohort)
    built.milestones = [
        MilestoneFactory(
            cohort=cohort,
            order=order,
            due_date=start + datetime.timedelta(days=10 * order),
            deliverable_kind="video_link",
            gates_screening=order == milestones,
        )
        for order in range(1, milestones + 1)
    ]
    PanelMembershipFactory(cohort=cohort)
    for index in range(films):
        film = FilmFactory(
            cohort=cohort, producer=MentorFactory() if index % 3 else None, is_published=False
        )
        built.films.append(film)
        approved = index % len(built.milestones) if built.milestones else 0
        for position, milestone in enumerate(built.milestones):
            status = _status_for(position, approved)
            if status is not None:
                SubmissionFactory(film=film, milestone=milestone, status=status)
    return built


def _status_for(position: int, approved: int):
    if position < approved:
        return MilestoneSubmission.Status.APPROVED
    return STATUS_CYCLE[min(position - approved + 1, len(STATUS_CYCLE) - 1)]


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement

    cohort = factory.SubFactory(CohortFactory)
    subject_en = "Workshop moved"
    subject_zh = "工作坊改期"
    body_en = "The editing workshop moves to Friday."
    body_zh = "剪辑工作坊改到周五。"


def cohort_people() -> Cohort:
    """A cohort whose people an announcement reaches: a Chinese-speaking director with an
    account, a producer without one, an English-speaking panel member; and two it does not."""
    zh_director = UserFactory(email="zh@example.org", preferred_language="zh-hans")
    film = FilmFactory(
        director=TalentFactory(user=zh_director),
        producer=MentorFactory(email="producer@example.org"),
    )
    cohort = film.cohort
    en_panel = UserFactory(email="panel@example.org", preferred_language="en")
    PanelMembershipFactory(cohort=cohort, mentor=MentorFactory(user=en_panel))
    EnrollmentFactory(cohort=cohort, talent=TalentFactory(email=""))  # no address: left out
    EnrollmentFactory(cohort=cohort, talent=TalentFactory(email="gone@x.org"), status="withdrawn")
    return cohort
