"""alumni.models: what an entry must say, and when it is public."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from alumni.models import AlumniEntry, EntryKind
from tests.factories import FilmFactory
from tests.factories.alumni import AlumniEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_an_entry_is_public_only_when_approved_and_consented():
    entry = AlumniEntryFactory.build()

    assert entry.is_public
    entry.publish = False
    assert not entry.is_public
    entry.publish, entry.status = True, AlumniEntry.Status.PROPOSED
    assert not entry.is_public


def test_an_award_must_be_named_and_a_selection_must_name_its_festival():
    award = AlumniEntryFactory.build(kind=EntryKind.AWARD, award_zh="", award_en="")
    selection = AlumniEntryFactory.build(festival_zh="", festival_en="")

    with pytest.raises(ValidationError) as award_error:
        award.clean()
    with pytest.raises(ValidationError) as selection_error:
        selection.clean()

    assert "award_en" in award_error.value.error_dict
    assert "festival_en" in selection_error.value.error_dict


def test_an_entry_without_a_program_film_needs_the_works_title_and_names_it():
    film = FilmFactory()
    entry = AlumniEntryFactory.build(
        film=None, talent=film.director, cohort=film.cohort, work_title_en="", work_title_zh=""
    )

    with pytest.raises(ValidationError) as error:
        entry.clean()
    entry.work_title_en = "The Long Road"
    entry.clean()

    assert "work_title_en" in error.value.error_dict
    assert entry.work == "The Long Road"


def test_the_film_must_be_the_directors_own():
    entry = AlumniEntryFactory.build(film=FilmFactory(), talent=FilmFactory().director)

    with pytest.raises(ValidationError) as error:
        entry.clean()

    assert "film" in error.value.error_dict
