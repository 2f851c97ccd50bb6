"""The rough edges staff met on their way through the workspace (issue 13 §3)."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.models import Cohort
from talents.models import Enrollment, Talent
from tests.factories import (
    CohortFactory,
    EnrollmentFactory,
    FilmFactory,
    InvitationFactory,
    MentorFactory,
    MilestoneFactory,
    PanelMembershipFactory,
    TalentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_enrol_creates_a_director_who_is_not_in_the_system_yet(staff_client):
    cohort = CohortFactory()

    response = staff_client.post(
        reverse("workspace:enrol", args=[cohort.slug]),
        {
            "new_name_original": "周京浩",
            "new_name_latin": "Zhou Jinghao",
            "new_email": "zhou@example.org",
            "role": "director",
            "status": "selected",
        },
    )

    talent = Talent.objects.get()
    assert response["Location"] == reverse("workspace:roster", args=[cohort.slug])
    assert (talent.name_original, talent.name_latin, talent.email) == (
        "周京浩",
        "Zhou Jinghao",
        "zhou@example.org",
    )
    assert talent.slug == "zhou-jinghao"
    assert Enrollment.objects.get().cohort == cohort


def test_enrol_a_new_director_gets_a_free_slug_when_the_name_is_taken(staff_client):
    TalentFactory(slug="zhou-jinghao")
    cohort = CohortFactory()

    staff_client.post(
        reverse("workspace:enrol", args=[cohort.slug]),
        {"new_name_latin": "Zhou Jinghao", "role": "director", "status": "selected"},
    )

    assert Enrollment.objects.get().talent.slug == "zhou-jinghao-2"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a director, or give the name of a new one."),
        ({"talent": "PICK", "new_name_latin": "Someone"}, "either an existing director or"),
        ({"new_email": "not-an-email"}, "Enter a valid email address."),
        ({"new_name_latin": "A" * 121}, "at most 120 characters"),
    ],
)
def test_enrol_answers_bad_input_and_creates_nobody(staff_client, data, message):
    cohort = CohortFactory()
    existing = TalentFactory()
    posted = {"role": "director", "status": "selected", **data}
    if posted.get("talent") == "PICK":
        posted["talent"] = existing.pk

    response = staff_client.post(reverse("workspace:enrol", args=[cohort.slug]), posted)

    assert response.status_code == 400
    assert message in response.text
    assert Talent.objects.count() == 1
    assert not Enrollment.objects.exists()


def test_talent_list_shows_cohorts_and_an_invitation_not_accepted(staff_client):
    talent = TalentFactory(name_latin="Zhou Jinghao")
    EnrollmentFactory(talent=talent, cohort=CohortFactory(edition_en="First edition"))
    # Past midnight in Beijing, still the day before in UTC: the list shows the festival's date.
    sent = datetime.datetime(2026, 11, 3, 0, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    InvitationFactory(talent=talent, created_at=sent)

    response = staff_client.get(reverse("workspace:talents"))

    assert "First edition" in response.text
    assert "invited on 2026-11-03, not accepted" in response.text


def test_mentor_list_shows_panel_cohorts_and_an_invitation_not_accepted(staff_client):
    mentor = MentorFactory()
    PanelMembershipFactory(mentor=mentor, cohort=CohortFactory(edition_en="Second edition"))
    InvitationFactory(talent=None, mentor=mentor, created_at=timezone.now())

    response = staff_client.get(reverse("workspace:mentors"))

    invited = timezone.localdate().isoformat()
    assert "Second edition" in response.text
    assert f"invited on {invited}, not accepted" in response.text


def test_people_lists_say_who_has_an_account(staff_client):
    TalentFactory(user=UserFactory())

    response = staff_client.get(reverse("workspace:talents"))

    assert "signed up" in response.text


@pytest.mark.parametrize("count", [1, 12])
def test_talent_list_query_count_does_not_grow_with_people(
    staff_client, django_assert_num_queries, count
):
    for _ in range(count):
        talent = TalentFactory()
        EnrollmentFactory(talent=talent)
        InvitationFactory(talent=talent)

    with django_assert_num_queries(4):
        staff_client.get(reverse("workspace:talents"))


@pytest.mark.parametrize("count", [1, 12])
def test_mentor_list_query_count_does_not_grow_with_people(
    staff_client, django_assert_num_queries, count
):
    for _ in range(count):
        mentor = MentorFactory()
        PanelMembershipFactory(mentor=mentor)
        InvitationFactory(talent=None, mentor=mentor)

    with django_assert_num_queries(5):
        staff_client.get(reverse("workspace:mentors"))


def test_producer_select_shows_the_saved_producer_after_saving(staff_client):
    film = FilmFactory()
    producer = MentorFactory()

    staff_client.post(reverse("workspace:film_producer", args=[film.pk]), {"producer": producer.pk})
    response = staff_client.get(reverse("workspace:film", args=[film.pk]))

    assert f'<option value="{producer.pk}" selected>' in response.text


def test_a_finished_cohort_shows_no_overdue_badge(staff_client):
    cohort = CohortFactory(status=Cohort.Status.PREMIERED)

    response = staff_client.get(reverse("workspace:cohort", args=[cohort.slug]))

    assert "text-bg-danger" not in response.text


def test_an_overdue_milestone_shows_its_count(staff_client):
    cohort = CohortFactory()
    MilestoneFactory(cohort=cohort, due_date=timezone.localdate() - datetime.timedelta(days=3))
    FilmFactory(cohort=cohort)

    response = staff_client.get(reverse("workspace:cohort", args=[cohort.slug]))

    assert '<span class="badge text-bg-danger">1</span>' in response.text


def test_erase_is_in_a_danger_zone_after_the_form(staff_client):
    talent = TalentFactory()

    page = staff_client.get(reverse("workspace:talent_edit", args=[talent.pk])).text

    erase = reverse("workspace:talent_erase", args=[talent.pk])
    assert page.index('type="submit"') < page.index("danger-zone") < page.index(erase)


def test_the_erase_confirmation_names_the_person(staff_client):
    talent = TalentFactory(name_latin="Zhou Jinghao", name_original="")

    page = staff_client.get(reverse("workspace:talent_erase", args=[talent.pk])).text

    assert "I understand: the details of Zhou Jinghao" in page
