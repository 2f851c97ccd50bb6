import datetime

import pytest
from django.urls import reverse

from films.models import Film
from mentors.models import PanelMembership
from programs.models import Cohort, CohortPartner, MilestoneDefinition
from talents.models import Enrollment
from tests.factories import (
    CohortFactory,
    EnrollmentFactory,
    FilmFactory,
    MentorFactory,
    PanelMembershipFactory,
    PartnerFactory,
    ProgramFactory,
    TalentFactory,
)
from tests.factories.programs import earlier_cohort_with_schedule

pytestmark = pytest.mark.django_db


def cohort_form(**overrides) -> dict:
    data = {
        "program": ProgramFactory().pk,
        "slug": "bjiff-talents-2032",
        "year": "2032",
        "edition_zh": "第十二届",
        "edition_en": "12th edition",
        "training_start": "2032-03-01",
        "training_end": "2032-09-01",
        "premiere_date": "2032-09-20",
        "status": "planning",
    }
    return {**data, **overrides}


def test_cohort_create_copies_schedule_shifted_by_the_training_start(staff_client):
    source = earlier_cohort_with_schedule()

    response = staff_client.post(
        reverse("workspace:cohort_create"), cohort_form(copy_from=source.pk)
    )

    cohort = Cohort.objects.get(slug="bjiff-talents-2032")
    assert response["Location"] == reverse("workspace:cohort", args=[cohort.slug])
    due = list(cohort.milestones.order_by("order").values_list("due_date", flat=True))
    assert due == [datetime.date(2032, 3, 15), datetime.date(2032, 8, 1)]


def test_cohort_create_with_explicit_shift(staff_client):
    source = earlier_cohort_with_schedule()

    staff_client.post(
        reverse("workspace:cohort_create"), cohort_form(copy_from=source.pk, shift_days="7")
    )

    first = MilestoneDefinition.objects.get(cohort__slug="bjiff-talents-2032", order=1)
    assert first.due_date == datetime.date(2031, 3, 22)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"slug": ""}, "This field is required."),
        ({"year": "twenty"}, "Enter a whole number."),
        ({"edition_en": "x" * 121}, "Ensure this value has at most 120 characters"),
        ({"training_end": "2032-01-01"}, "Training must end after it starts."),
        ({"training_start": "not a date"}, "Enter a valid date."),
        ({"shift_days": "99999"}, "Ensure this value is less than or equal to 3660."),
    ],
)
def test_cohort_create_answers_bad_input_and_saves_nothing(staff_client, overrides, message):
    response = staff_client.post(reverse("workspace:cohort_create"), cohort_form(**overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Cohort.objects.filter(year=2032).exists()


def test_cohort_create_refuses_a_duplicate_slug(staff_client):
    CohortFactory(slug="bjiff-talents-2032")

    response = staff_client.post(reverse("workspace:cohort_create"), cohort_form())

    assert response.status_code == 400
    assert "Cohort with this Slug already exists." in response.content.decode()


def test_cohort_edit_saves_changes(staff_client):
    cohort = CohortFactory()

    staff_client.post(
        reverse("workspace:cohort_edit", args=[cohort.slug]),
        cohort_form(program=cohort.program.pk, slug=cohort.slug, status="training"),
    )

    cohort.refresh_from_db()
    assert (cohort.status, cohort.edition_en) == ("training", "12th edition")


def test_schedule_copy_view_refuses_a_cohort_with_a_schedule(staff_client):
    source = earlier_cohort_with_schedule()

    response = staff_client.post(
        reverse("workspace:schedule_copy", args=[source.slug]),
        {"source": source.pk, "shift_days": "0"},
    )

    assert response.status_code == 400
    assert "Choose an earlier cohort to copy from, not this one." in response.content.decode()
    assert source.milestones.count() == 2


def test_enrol_adds_a_director_to_the_cohort(staff_client):
    cohort, talent = CohortFactory(), TalentFactory()

    response = staff_client.post(
        reverse("workspace:enrol", args=[cohort.slug]),
        {"talent": talent.pk, "role": "director", "status": "selected"},
    )

    assert response.status_code == 302
    assert Enrollment.objects.get(cohort=cohort).talent == talent


def test_enrol_refuses_a_director_already_enrolled(staff_client):
    enrollment = EnrollmentFactory()

    response = staff_client.post(
        reverse("workspace:enrol", args=[enrollment.cohort.slug]),
        {"talent": enrollment.talent.pk, "role": "director", "status": "selected"},
    )

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert Enrollment.objects.count() == 1


def test_enrollment_status_view_withdraws_a_director(staff_client):
    enrollment = EnrollmentFactory()

    staff_client.post(
        reverse("workspace:enrollment_status", args=[enrollment.pk]), {"status": "withdrawn"}
    )

    enrollment.refresh_from_db()
    assert enrollment.status == "withdrawn"


def test_enrollment_status_view_refuses_an_unknown_status(staff_client):
    enrollment = EnrollmentFactory()

    response = staff_client.post(
        reverse("workspace:enrollment_status", args=[enrollment.pk]), {"status": "expelled"}
    )

    enrollment.refresh_from_db()
    assert response.status_code == 400
    assert enrollment.status == "active"


def test_panel_add_and_remove(staff_client):
    cohort, mentor = CohortFactory(), MentorFactory()

    staff_client.post(
        reverse("workspace:panel_add", args=[cohort.slug]),
        {"mentor": mentor.pk, "role": "instructor", "order": "1"},
    )
    seat = PanelMembership.objects.get(cohort=cohort)
    staff_client.post(reverse("workspace:panel_remove", args=[seat.pk]))

    assert seat.mentor == mentor
    assert not PanelMembership.objects.filter(cohort=cohort).exists()


def test_panel_add_refuses_a_second_supervisor(staff_client):
    seat = PanelMembershipFactory(role="supervisor")

    response = staff_client.post(
        reverse("workspace:panel_add", args=[seat.cohort.slug]),
        {"mentor": MentorFactory().pk, "role": "supervisor", "order": "0"},
    )

    assert response.status_code == 400
    assert "This cohort already has a supervisor." in response.content.decode()
    assert PanelMembership.objects.count() == 1


def test_film_create_for_an_enrolled_director(staff_client):
    enrollment = EnrollmentFactory()
    producer = MentorFactory()

    response = staff_client.post(
        reverse("workspace:film_create", args=[enrollment.cohort.slug]),
        {
            "director": enrollment.talent.pk,
            "slug": "the-cage",
            "title_zh": "笼中鸟",
            "title_en": "The Cage",
            "producer": producer.pk,
        },
    )

    film = Film.objects.get(slug="the-cage")
    assert response["Location"] == reverse("workspace:film", args=[film.pk])
    assert (film.cohort, film.producer, film.is_published) == (enrollment.cohort, producer, False)


def test_film_create_refuses_a_duplicate_slug_and_no_title(staff_client):
    film = FilmFactory()

    response = staff_client.post(
        reverse("workspace:film_create", args=[film.cohort.slug]),
        {"director": film.director.pk, "slug": film.slug, "title_zh": "", "title_en": ""},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "This cohort already has a film with this slug." in html
    assert "Give a title in at least one language." in html
    assert Film.objects.count() == 1


def test_film_producer_pairs_a_mentor(staff_client):
    film = FilmFactory(producer=None)
    producer = MentorFactory()

    staff_client.post(reverse("workspace:film_producer", args=[film.pk]), {"producer": producer.pk})

    film.refresh_from_db()
    assert film.producer == producer


def test_cohort_partners_records_what_a_partner_gives(staff_client):
    cohort, partner = CohortFactory(), PartnerFactory()
    url = reverse("workspace:cohort_partners", args=[cohort.slug])
    data = {"partner": partner.pk, "order": "1", "service_en": "Grading", "service_zh": "调色"}

    staff_client.post(url, data)
    duplicate = staff_client.post(url, data)

    assert CohortPartner.objects.get(cohort=cohort).service_en == "Grading"
    assert duplicate.status_code == 400
    assert CohortPartner.objects.count() == 1
