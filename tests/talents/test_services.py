import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from talents.models import Enrollment, Talent
from talents.services import (
    enrollment_create,
    enrollment_create_with_new_talent,
    enrollment_set_status,
    talent_create,
    talent_free_slug,
    talent_link_user,
    talent_set_headshot,
    talent_update,
)
from tests.factories import CohortFactory, EnrollmentFactory, TalentFactory, UserFactory
from tests.factories.portal import image_bytes

pytestmark = pytest.mark.django_db


def test_talent_create_saves_a_checked_talent():
    talent = talent_create(slug="li-na", name_latin="Li Na", birth_year=1998)

    assert Talent.objects.get(slug="li-na").birth_year == 1998
    assert talent.display_name == "Li Na"


def test_talent_create_refuses_an_invalid_talent_and_saves_nothing():
    with pytest.raises(ValidationError):
        talent_create(slug="li-na", name_latin="Li Na", birth_year=1800)

    assert not Talent.objects.filter(slug="li-na").exists()


def test_talent_update_changes_the_given_fields():
    talent = TalentFactory(bio_en="Old.")

    talent_update(talent=talent, bio_en="New.")

    talent.refresh_from_db()
    assert talent.bio_en == "New."


def test_talent_update_refuses_a_bad_link_list():
    talent = TalentFactory()

    with pytest.raises(ValidationError) as error:
        talent_update(talent=talent, links=["javascript:alert(1)"])

    assert "links" in error.value.message_dict


def test_enrollment_create_enrols_the_talent_with_its_fields():
    talent, cohort = TalentFactory(), CohortFactory()

    enrollment = enrollment_create(
        talent=talent, cohort=cohort, role=Enrollment.Role.WRITER_DIRECTOR
    )

    assert list(cohort.enrollments.values_list("talent", "role")) == [
        (talent.pk, Enrollment.Role.WRITER_DIRECTOR)
    ]
    assert enrollment.status == Enrollment.Status.SELECTED


def test_enrollment_create_twice_in_a_cohort_is_refused():
    enrollment = EnrollmentFactory()

    with pytest.raises(ValidationError):
        enrollment_create(talent=enrollment.talent, cohort=enrollment.cohort)

    assert Enrollment.objects.count() == 1


def test_enrollment_create_with_new_talent_makes_the_talent_with_a_slug_from_the_name():
    cohort = CohortFactory()

    enrollment = enrollment_create_with_new_talent(
        cohort=cohort, name_original="李娜", name_latin="Li Na", email="li@example.org"
    )

    assert (enrollment.talent.slug, enrollment.talent.email) == ("li-na", "li@example.org")
    assert enrollment.cohort == cohort


def test_enrollment_create_with_new_talent_saves_neither_when_the_enrolment_is_refused():
    cohort = CohortFactory()

    with pytest.raises(ValidationError):
        enrollment_create_with_new_talent(
            cohort=cohort, name_original="", name_latin="Li Na", status="expelled"
        )

    assert not Talent.objects.filter(slug="li-na").exists()


def test_talent_free_slug_numbers_a_taken_slug_from_two():
    TalentFactory(slug="li-na")
    TalentFactory(slug="li-na-2")

    assert talent_free_slug("Li Na") == "li-na-3"


def test_talent_free_slug_is_the_plain_slug_when_free_and_talent_when_the_name_has_none():
    TalentFactory(slug="li-na-other")

    assert talent_free_slug("Li Na") == "li-na"
    assert talent_free_slug("李娜") == "talent"


def test_enrollment_set_status_changes_the_status_and_refuses_an_unknown_one():
    enrollment = EnrollmentFactory(status=Enrollment.Status.ACTIVE)

    enrollment_set_status(enrollment=enrollment, status=Enrollment.Status.GRADUATED)
    with pytest.raises(ValidationError):
        enrollment_set_status(enrollment=enrollment, status="expelled")

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.GRADUATED


def test_talent_link_user_gives_the_talent_its_login():
    talent, user = TalentFactory(), UserFactory()

    talent_link_user(talent=talent, user=user)

    user.refresh_from_db()
    assert (user.talent_profile, user.is_director) == (talent, True)


def test_talent_set_headshot_stores_the_image_and_deletes_the_one_it_replaces(
    django_capture_on_commit_callbacks,
):
    talent = TalentFactory()
    talent_set_headshot(talent=talent, image=ContentFile(image_bytes(), "a.png"), alt_en="Old")
    first = talent.headshot.name
    storage = talent.headshot.storage

    with django_capture_on_commit_callbacks(execute=True):
        talent_set_headshot(talent=talent, image=ContentFile(image_bytes(), "b.png"))

    talent.refresh_from_db()
    assert talent.headshot.name != first
    assert (storage.exists(talent.headshot.name), storage.exists(first)) == (True, False)
    assert talent.headshot_alt_en == "Old"


def test_talent_set_headshot_keeps_no_file_when_the_save_is_refused(settings):
    talent = TalentFactory()
    talent.birth_year = 1800  # invalid: the save inside the service fails

    with pytest.raises(ValidationError), transaction.atomic():
        talent_set_headshot(talent=talent, image=ContentFile(image_bytes(), "a.png"), alt_en="A")

    talent.refresh_from_db()
    assert talent.headshot.name == ""
    assert list((settings.MEDIA_ROOT / "headshots").glob("*")) == []
