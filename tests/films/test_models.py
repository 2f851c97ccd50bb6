import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from films.services import film_create
from tests.factories import CohortFactory, EnrollmentFactory, FilmFactory, TalentFactory

pytestmark = pytest.mark.django_db


def test_film_director_not_enrolled_in_cohort_is_refused():
    cohort = CohortFactory()
    outsider = TalentFactory()
    EnrollmentFactory(talent=outsider)  # enrolled, but in another cohort

    with pytest.raises(ValidationError) as error:
        film_create(cohort=cohort, director=outsider, slug="stray", title_en="Stray")

    with translation.override("zh-hans"):
        assert error.value.message_dict["director"] == ["导演必须是本片所属届次的学员。"]


def test_film_director_withdrawn_from_cohort_is_refused():
    enrollment = EnrollmentFactory(status="withdrawn")

    with pytest.raises(ValidationError) as error:
        film_create(cohort=enrollment.cohort, director=enrollment.talent, slug="x", title_en="X")

    assert "director" in error.value.message_dict


def test_film_director_enrolled_in_cohort_is_accepted():
    enrollment = EnrollmentFactory()

    film = film_create(
        cohort=enrollment.cohort, director=enrollment.talent, slug="ok", title_zh="好"
    )

    assert film.pk is not None
    assert str(film.title) == "好"


def test_film_slug_is_unique_within_its_cohort():
    film = FilmFactory(slug="the-cage")
    enrollment = EnrollmentFactory(cohort=film.cohort)

    with pytest.raises(ValidationError) as error:
        film_create(
            cohort=film.cohort, director=enrollment.talent, slug="the-cage", title_en="Again"
        )

    assert [e.code for e in error.value.error_dict["__all__"]] == ["unique_together"]


def test_film_slug_may_repeat_in_another_cohort():
    FilmFactory(slug="the-cage")
    enrollment = EnrollmentFactory()

    film = film_create(
        cohort=enrollment.cohort, director=enrollment.talent, slug="the-cage", title_en="Cage"
    )

    assert film.slug == "the-cage"


def test_film_needs_a_title_in_one_language():
    enrollment = EnrollmentFactory()

    with pytest.raises(ValidationError):
        film_create(cohort=enrollment.cohort, director=enrollment.talent, slug="untitled")


def test_film_of_a_director_who_withdrew_can_still_be_edited_and_unpublished():
    from films.services import film_unpublish, film_update

    film = FilmFactory()
    film.director.enrollments.update(status="withdrawn")

    film_update(film=film, logline_en="Kept on record.")
    film_unpublish(film=film)

    film.refresh_from_db()
    assert (film.logline_en, film.is_published) == ("Kept on record.", False)


def test_film_director_changed_to_a_withdrawn_one_is_refused():
    from films.services import film_update

    film = FilmFactory()
    withdrawn = EnrollmentFactory(cohort=film.cohort, status="withdrawn").talent

    with pytest.raises(ValidationError) as error:
        film_update(film=film, director=withdrawn)

    assert "director" in error.value.message_dict
