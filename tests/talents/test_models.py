import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from talents.models import Talent
from tests.factories import CohortFactory, EnrollmentFactory, TalentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # These tests read the messages in English; the default language is Chinese.
    with translation.override("en"):
        yield


def test_talent_display_name_joins_both_scripts_when_they_differ():
    talent = Talent(name_original="王小明", name_latin="Wang Xiaoming")

    assert talent.display_name == "王小明 Wang Xiaoming"


def test_talent_display_name_is_the_one_script_given_or_one_copy_of_a_repeat():
    assert Talent(name_original="", name_latin="Wang Xiaoming").display_name == "Wang Xiaoming"
    assert Talent(name_original="王小明", name_latin="").display_name == "王小明"
    assert Talent(name_original="Ana", name_latin="Ana").display_name == "Ana"


def test_talent_without_a_name_in_either_script_is_refused():
    talent = Talent(slug="nameless", name_original="", name_latin="")

    with pytest.raises(ValidationError) as error:
        talent.full_clean()

    assert error.value.messages == ["Give the name in at least one script."]


def test_talent_headshot_without_alt_text_is_refused():
    talent = TalentFactory.build(headshot="headshots/a.png", headshot_alt_zh="", headshot_alt_en="")

    with pytest.raises(ValidationError) as error:
        talent.clean()

    assert error.value.message_dict == {
        "headshot_alt_en": ["Describe the headshot for screen readers."]
    }


def test_talent_headshot_with_alt_text_in_one_language_is_accepted():
    talent = TalentFactory.build(headshot="headshots/a.png", headshot_alt_zh="一张照片")

    talent.clean()

    assert talent.headshot_alt_zh == "一张照片"


def test_talent_absolute_url_is_the_public_profile_by_slug():
    talent = TalentFactory(slug="wang-xiaoming")

    assert talent.get_absolute_url().endswith("/wang-xiaoming/")


def test_talent_bilingual_bio_follows_the_active_language():
    talent = TalentFactory(bio_zh="中文简介", bio_en="English bio")

    with translation.override("zh-hans"):
        chinese = talent.bio

    assert (chinese, talent.bio) == ("中文简介", "English bio")


def test_enrollment_of_a_talent_twice_in_one_cohort_is_refused():
    enrollment = EnrollmentFactory()
    repeat = EnrollmentFactory.build(talent=enrollment.talent, cohort=enrollment.cohort)

    with pytest.raises(ValidationError) as error:
        repeat.full_clean()

    assert error.value.messages == ["This director is already enrolled in this cohort."]


def test_enrollment_twice_in_one_cohort_is_refused_by_the_database_too():
    enrollment = EnrollmentFactory()

    with pytest.raises(IntegrityError):
        EnrollmentFactory(talent=enrollment.talent, cohort=enrollment.cohort)


def test_enrollment_of_one_talent_in_two_cohorts_is_allowed():
    enrollment = EnrollmentFactory()

    other = EnrollmentFactory(talent=enrollment.talent, cohort=CohortFactory())

    assert list(enrollment.talent.enrollments.order_by("id")) == [enrollment, other]
