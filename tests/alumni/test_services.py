import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from alumni.models import AlumniEntry, EntryKind
from alumni.services import (
    alumni_entry_consent_set,
    alumni_entry_decide,
    alumni_entry_propose,
    alumni_entry_record,
)
from tests.factories import CohortFactory, FilmFactory, UserFactory
from tests.factories.alumni import AlumniEntryFactory, graduate

pytestmark = pytest.mark.django_db

SELECTION = {"kind": EntryKind.SELECTION, "year": 2023, "festival_en": "Clermont-Ferrand"}


@pytest.fixture
def film():
    film = FilmFactory()
    graduate(film)
    return film


def test_staff_record_is_approved_as_written_and_public_only_with_consent(film):
    staff = UserFactory(is_staff=True)

    entry = alumni_entry_record(
        talent=film.director, cohort=film.cohort, recorded_by=staff, film=film, **SELECTION
    )

    assert entry.status == AlumniEntry.Status.APPROVED
    assert entry.decided_by == staff
    assert entry.is_public is False


def test_staff_cannot_record_an_entry_for_a_director_who_did_not_graduate():
    film = FilmFactory()  # enrolled, still active
    staff = UserFactory(is_staff=True)

    with pytest.raises(ValidationError):
        alumni_entry_record(
            talent=film.director, cohort=film.cohort, recorded_by=staff, film=film, **SELECTION
        )

    assert AlumniEntry.objects.count() == 0


def test_an_alumnus_proposal_waits_for_staff_in_the_edition_of_their_film(film):
    entry = alumni_entry_propose(
        talent=film.director, proposed_by=film.director.user, film=film, publish=True, **SELECTION
    )

    assert entry.status == AlumniEntry.Status.PROPOSED
    assert entry.cohort == film.cohort
    assert entry.is_public is False


def test_a_proposal_without_a_film_goes_to_the_latest_edition_graduated_from(film):
    later = CohortFactory(year=film.cohort.year + 1)
    FilmFactory(director=film.director, cohort=later)
    graduate(film.director.films.get(cohort=later))

    entry = alumni_entry_propose(
        talent=film.director,
        proposed_by=None,
        kind=EntryKind.FEATURE_DEBUT,
        year=2025,
        work_title_en="First Feature",
    )

    assert entry.cohort == later


def test_a_director_who_never_graduated_cannot_propose():
    film = FilmFactory()

    with pytest.raises(ValidationError):
        alumni_entry_propose(talent=film.director, proposed_by=None, film=film, **SELECTION)


def test_an_award_must_be_named(film):
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as error:
            alumni_entry_propose(
                talent=film.director,
                proposed_by=None,
                film=film,
                kind=EntryKind.AWARD,
                year=2023,
                festival_en="Busan",
            )
        # Lazy messages: read while the language is still the one asked for.
        shown = error.value.message_dict

    assert shown == {"award_en": ["请至少用一种语言填写奖项名称。"]}


def test_a_selection_must_name_the_festival(film):
    with pytest.raises(ValidationError) as error:
        alumni_entry_propose(
            talent=film.director, proposed_by=None, film=film, kind=EntryKind.SELECTION, year=2023
        )

    assert set(error.value.message_dict) == {"festival_en"}


def test_an_entry_cannot_name_another_directors_film(film):
    other = FilmFactory(cohort=film.cohort)

    with pytest.raises(ValidationError) as error:
        alumni_entry_propose(talent=film.director, proposed_by=None, film=other, **SELECTION)

    assert set(error.value.message_dict) == {"film"}


def test_approving_makes_a_consented_proposal_public(film):
    entry = AlumniEntryFactory(film=film, status=AlumniEntry.Status.PROPOSED, publish=True)
    staff = UserFactory(is_staff=True)

    alumni_entry_decide(entry=entry, decided_by=staff, approve=True)

    entry.refresh_from_db()
    assert (entry.status, entry.is_public, entry.decided_by) == ("approved", True, staff)


def test_an_entry_is_decided_once(film):
    entry = AlumniEntryFactory(film=film, status=AlumniEntry.Status.PROPOSED)
    staff = UserFactory(is_staff=True)
    alumni_entry_decide(entry=entry, decided_by=staff, approve=False)

    with pytest.raises(ValidationError):
        alumni_entry_decide(entry=entry, decided_by=staff, approve=True)

    entry.refresh_from_db()
    assert entry.status == AlumniEntry.Status.DECLINED


def test_withdrawing_consent_takes_an_approved_entry_off_at_once(film):
    entry = AlumniEntryFactory(film=film)

    alumni_entry_consent_set(entry=entry, publish=False)

    entry.refresh_from_db()
    assert (entry.status, entry.is_public) == ("approved", False)


@pytest.mark.parametrize(
    ("approve", "language", "subject"),
    [(True, "zh-hans", "校友记录已通过"), (False, "en", "was not accepted")],
)
def test_the_alumnus_hears_of_the_decision_in_their_language(film, approve, language, subject):
    from outbox.models import OutboxMessage

    user = UserFactory(preferred_language=language)
    film.director.user = user
    film.director.save(update_fields=["user"])
    entry = AlumniEntryFactory(film=film, status=AlumniEntry.Status.PROPOSED)

    alumni_entry_decide(entry=entry, decided_by=UserFactory(is_staff=True), approve=approve)

    message = OutboxMessage.objects.get(cause=f"alumni_entry:{entry.pk}")
    assert message.recipient == user.email
    assert subject in message.subject
    assert "/portal/alumni/" in message.body_text


def test_no_email_about_a_decision_to_an_alumnus_without_an_active_account(film):
    from outbox.models import OutboxMessage

    film.director.user = UserFactory(is_active=False)
    film.director.save(update_fields=["user"])
    entry = AlumniEntryFactory(film=film, status=AlumniEntry.Status.PROPOSED)

    alumni_entry_decide(entry=entry, decided_by=UserFactory(is_staff=True), approve=True)

    assert not OutboxMessage.objects.filter(cause=f"alumni_entry:{entry.pk}").exists()
