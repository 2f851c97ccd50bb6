import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from programs.models import CohortPartner, MilestoneDefinition, Partner, Program
from programs.services import (
    cohort_create,
    cohort_partner_add,
    cohort_partner_remove,
    cohort_update,
    milestone_add,
    milestone_remove,
    milestone_schedule_copy,
    milestone_update,
    partner_create,
    partner_update,
    program_create,
)
from tests.factories import (
    CohortFactory,
    MilestoneFactory,
    PartnerFactory,
    ProgramFactory,
    SubmissionFactory,
)
from tests.factories.programs import earlier_cohort_with_schedule

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # These tests read the messages in English; the default language is Chinese.
    with translation.override("en"):
        yield


def test_milestone_schedule_copy_shifts_every_due_date():
    source = earlier_cohort_with_schedule()
    target = CohortFactory()

    milestone_schedule_copy(source=source, target=target, shift_days=366)  # 2032 is a leap year

    copied = list(target.milestones.order_by("order"))
    assert [(m.order, m.due_date) for m in copied] == [
        (1, datetime.date(2032, 3, 15)),
        (2, datetime.date(2032, 8, 1)),
    ]
    assert copied[0].name_en == "Script"
    assert copied[1].gates_screening is True


def test_milestone_schedule_copy_refuses_a_cohort_that_has_a_schedule():
    source = earlier_cohort_with_schedule()
    target = CohortFactory()
    MilestoneFactory(cohort=target, order=1)

    with pytest.raises(ValidationError):
        milestone_schedule_copy(source=source, target=target, shift_days=0)

    assert target.milestones.count() == 1


def test_milestone_schedule_copy_keeps_the_requirements_between_the_copies():
    source = earlier_cohort_with_schedule()
    first, second = source.milestones.order_by("order")
    second.requires.set([first])
    target = CohortFactory()

    copied = milestone_schedule_copy(source=source, target=target, shift_days=0)

    assert list(copied[1].requires.all()) == [copied[0]]


def test_milestone_schedule_copy_from_the_cohort_itself_is_refused():
    source = earlier_cohort_with_schedule()

    with pytest.raises(ValidationError) as error:
        milestone_schedule_copy(source=source, target=source, shift_days=0)

    assert error.value.messages == ["Choose an earlier cohort to copy from, not this one."]


def test_program_create_saves_a_program():
    program_create(slug="shorts", name_en="Shorts", organiser_en="BJIFF")

    assert Program.objects.get(slug="shorts").name_en == "Shorts"


def test_cohort_create_and_update_save_the_fields():
    cohort = cohort_create(
        program=ProgramFactory(),
        slug="c-2040",
        year=2040,
        training_start=datetime.date(2040, 3, 1),
        training_end=datetime.date(2040, 9, 1),
        edition_en="2040 edition",
    )

    cohort_update(cohort=cohort, edition_en="The 2040 edition")

    cohort.refresh_from_db()
    assert (cohort.year, cohort.edition_en) == (2040, "The 2040 edition")


def test_cohort_update_refuses_training_that_ends_before_it_starts():
    cohort = CohortFactory(year=2040)

    with pytest.raises(ValidationError):
        cohort_update(cohort=cohort, training_end=datetime.date(2039, 1, 1))

    cohort.refresh_from_db()
    assert cohort.training_end == datetime.date(2040, 7, 10)


def test_milestone_add_sets_the_earlier_milestones_it_requires():
    first = MilestoneFactory(order=1)

    second = milestone_add(
        cohort=first.cohort,
        order=2,
        due_date=datetime.date(2031, 5, 1),
        requires=[first],
        name_en="Rough cut",
        deliverable_kind=MilestoneDefinition.DeliverableKind.DOCUMENT,
    )

    assert list(second.requires.all()) == [first]


def test_milestone_add_refuses_a_later_or_foreign_requirement_and_saves_nothing():
    first = MilestoneFactory(order=1, name_en="Script")
    later = MilestoneFactory(cohort=first.cohort, order=5, name_en="Final cut")
    foreign = MilestoneFactory(order=1, name_en="Elsewhere")

    with pytest.raises(ValidationError) as error:
        milestone_add(
            cohort=first.cohort,
            order=2,
            due_date=first.due_date,
            requires=[later, foreign],
            name_en="Rough cut",
            deliverable_kind=MilestoneDefinition.DeliverableKind.DOCUMENT,
        )

    assert error.value.message_dict == {
        "requires": [
            "Only earlier milestones of this cohort can be required: Final cut, Elsewhere."
        ]
    }
    assert first.cohort.milestones.count() == 2


def test_milestone_update_moved_before_a_milestone_requiring_it_drops_that_requirement():
    first = MilestoneFactory(order=1)
    second = MilestoneFactory(cohort=first.cohort, order=2)
    second.requires.set([first])

    milestone_update(milestone=first, order=3)

    assert list(second.requires.all()) == []


def test_milestone_update_keeps_its_requirements_unless_given_new_ones():
    first = MilestoneFactory(order=1)
    second = MilestoneFactory(cohort=first.cohort, order=2)
    second.requires.set([first])

    milestone_update(milestone=second, name_en="Renamed")
    kept = list(second.requires.all())
    milestone_update(milestone=second, requires=[])

    assert (kept, list(second.requires.all())) == ([first], [])


def test_milestone_remove_deletes_a_milestone_without_submissions():
    milestone = MilestoneFactory()

    milestone_remove(milestone=milestone)

    assert not MilestoneDefinition.objects.exists()


def test_milestone_remove_refuses_one_that_films_delivered():
    submission = SubmissionFactory()

    with pytest.raises(ValidationError) as error:
        milestone_remove(milestone=submission.milestone)

    assert error.value.messages == [
        "Films have delivered this milestone already; edit it instead of removing it."
    ]
    assert MilestoneDefinition.objects.filter(pk=submission.milestone_id).exists()


def test_partner_create_and_update_save_the_fields():
    partner = partner_create(
        slug="cinerent", service_category=Partner.ServiceCategory.EQUIPMENT, name_en="CINERENT"
    )

    partner_update(partner=partner, website="https://cinerent.example")

    partner.refresh_from_db()
    assert (partner.name_en, partner.website) == ("CINERENT", "https://cinerent.example")


def test_partner_create_refuses_an_unknown_service():
    with pytest.raises(ValidationError):
        partner_create(slug="x", service_category="catering", name_en="X")

    assert not Partner.objects.exists()


def test_cohort_partner_add_and_remove():
    cohort, partner = CohortFactory(), PartnerFactory()

    partnership = cohort_partner_add(cohort=cohort, partner=partner, service_en="Cameras")
    listed = list(cohort.partnerships.values_list("partner", "service_en"))
    cohort_partner_remove(partnership=partnership)

    assert listed == [(partner.pk, "Cameras")]
    assert not CohortPartner.objects.exists()
