import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mentors.models import Mentor, PanelMembership
from mentors.services import (
    mentor_change_profile,
    mentor_create,
    mentor_link_user,
    mentor_set_photo,
    mentor_update,
    panel_member_add,
    panel_member_remove,
)
from tests.factories import CohortFactory, MentorFactory, PanelMembershipFactory, UserFactory
from tests.factories.portal import image_bytes

pytestmark = pytest.mark.django_db


def test_mentor_create_saves_a_checked_mentor():
    mentor_create(slug="zhang-yi", name_latin="Zhang Yi", title_en="Producer")

    assert Mentor.objects.get(slug="zhang-yi").title_en == "Producer"


def test_mentor_create_refuses_a_mentor_without_a_name():
    with pytest.raises(ValidationError):
        mentor_create(slug="nameless")

    assert not Mentor.objects.exists()


def test_mentor_update_and_change_profile_save_the_given_fields():
    mentor = MentorFactory()

    mentor_update(mentor=mentor, company_en="Studio")
    mentor_change_profile(mentor=mentor, bio_en="Produces features.")

    mentor.refresh_from_db()
    assert (mentor.company_en, mentor.bio_en) == ("Studio", "Produces features.")


def test_mentor_change_profile_refuses_an_unknown_email_choice():
    mentor = MentorFactory()

    with pytest.raises(ValidationError):
        mentor_change_profile(mentor=mentor, review_emails="weekly")

    mentor.refresh_from_db()
    assert mentor.review_emails == Mentor.ReviewEmails.IMMEDIATE


def test_panel_member_add_seats_the_mentor_in_its_role_and_order():
    cohort, mentor = CohortFactory(), MentorFactory()

    panel_member_add(cohort=cohort, mentor=mentor, role=PanelMembership.Role.SUPERVISOR, order=2)

    assert list(cohort.panel.values_list("mentor", "role", "order")) == [
        (mentor.pk, PanelMembership.Role.SUPERVISOR, 2)
    ]


def test_panel_member_add_refuses_a_second_supervisor():
    seat = PanelMembershipFactory(role=PanelMembership.Role.SUPERVISOR)

    with pytest.raises(ValidationError):
        panel_member_add(
            cohort=seat.cohort, mentor=MentorFactory(), role=PanelMembership.Role.SUPERVISOR
        )

    assert seat.cohort.panel.count() == 1


def test_panel_member_remove_frees_the_seat_and_keeps_the_mentor():
    seat = PanelMembershipFactory()

    panel_member_remove(membership=seat)

    assert not PanelMembership.objects.exists()
    assert Mentor.objects.filter(pk=seat.mentor_id).exists()


def test_mentor_link_user_gives_the_mentor_its_login():
    mentor, user = MentorFactory(), UserFactory()

    mentor_link_user(mentor=mentor, user=user)

    user.refresh_from_db()
    assert (user.mentor_profile, user.is_mentor) == (mentor, True)


def test_mentor_set_photo_stores_a_re_encoded_photo_under_a_server_name():
    mentor = MentorFactory()
    upload = SimpleUploadedFile("../../portrait.png", image_bytes(), content_type="image/png")

    mentor_set_photo(mentor=mentor, upload=upload, alt_en="Portrait")

    mentor.refresh_from_db()
    assert mentor.photo.name.startswith("mentors/")
    assert "portrait" not in mentor.photo.name
    assert mentor.photo_alt_en == "Portrait"


def test_mentor_set_photo_refuses_a_file_that_is_not_an_image():
    mentor = MentorFactory()
    upload = SimpleUploadedFile("me.png", b"not an image", content_type="image/png")

    with pytest.raises(ValidationError):
        mentor_set_photo(mentor=mentor, upload=upload, alt_en="Portrait")

    mentor.refresh_from_db()
    assert mentor.photo.name == ""
