import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from mentors.models import Mentor, PanelMembership
from tests.factories import CohortFactory, MentorFactory, PanelMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # These tests read the messages in English; the default language is Chinese.
    with translation.override("en"):
        yield


def test_mentor_display_name_joins_both_scripts_when_they_differ():
    assert Mentor(name_original="张艺", name_latin="Zhang Yi").display_name == "张艺 Zhang Yi"
    assert Mentor(name_original="", name_latin="Zhang Yi").display_name == "Zhang Yi"
    assert Mentor(name_original="Zhang", name_latin="Zhang").display_name == "Zhang"


def test_mentor_without_a_name_is_refused():
    mentor = Mentor(slug="nameless")

    with pytest.raises(ValidationError) as error:
        mentor.full_clean()

    assert error.value.messages == ["Give the name in at least one script."]


def test_mentor_photo_without_alt_text_is_refused():
    mentor = MentorFactory.build(photo="mentors/a.png")

    with pytest.raises(ValidationError) as error:
        mentor.clean()

    assert error.value.message_dict == {"photo_alt_en": ["Describe the photo for screen readers."]}


def test_mentor_absolute_url_is_the_public_profile_by_slug():
    mentor = MentorFactory(slug="zhang-yi")

    assert mentor.get_absolute_url().endswith("/zhang-yi/")


def test_mentor_hears_of_each_submission_by_default():
    mentor = MentorFactory()

    assert mentor.review_emails == Mentor.ReviewEmails.IMMEDIATE


def test_panel_membership_of_a_mentor_twice_on_one_panel_is_refused():
    seat = PanelMembershipFactory()
    repeat = PanelMembershipFactory.build(cohort=seat.cohort, mentor=seat.mentor)

    with pytest.raises(ValidationError) as error:
        repeat.full_clean()

    assert error.value.messages == ["This mentor is already on the panel."]


def test_panel_has_one_supervisor_at_most():
    seat = PanelMembershipFactory(role=PanelMembership.Role.SUPERVISOR)
    second = PanelMembershipFactory.build(
        cohort=seat.cohort, mentor=MentorFactory(), role=PanelMembership.Role.SUPERVISOR
    )

    with pytest.raises(ValidationError) as error:
        second.full_clean()

    assert error.value.messages == ["This cohort already has a supervisor."]


def test_panel_supervisors_of_two_cohorts_are_allowed():
    first = PanelMembershipFactory(role=PanelMembership.Role.SUPERVISOR)

    second = PanelMembershipFactory(role=PanelMembership.Role.SUPERVISOR, cohort=CohortFactory())

    assert first.cohort != second.cohort


def test_panel_membership_names_the_mentor_role_and_cohort():
    seat = PanelMembershipFactory(role=PanelMembership.Role.CURATOR)

    assert str(seat) == f"{seat.mentor} (Curator, {seat.cohort})"
