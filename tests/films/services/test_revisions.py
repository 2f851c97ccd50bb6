import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from films.models import Credit, Film, FilmRevision
from films.services.revisions import (
    director_change_headshot,
    director_change_profile,
    film_add_still,
    film_change_credits,
    film_change_poster,
    film_change_public_info,
    revision_approve,
    revision_reject,
)
from outbox.models import OutboxMessage
from talents.models import Talent
from tests.factories import CreditFactory, FilmFactory, RevisionFactory, UserFactory
from tests.factories.portal import director_user, image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # These tests read the messages in English; the default language is Chinese.
    with translation.override("en"):
        yield


def someone():
    return UserFactory()


def png(name: str = "picture.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(), content_type="image/png")


def test_film_change_public_info_applies_at_once_before_publication():
    film = FilmFactory(is_published=False, logline_en="Old.")

    revision = film_change_public_info(film=film, proposed_by=someone(), logline_en="New.")

    assert revision is None
    assert Film.objects.get().logline_en == "New."


def test_film_change_public_info_after_publication_proposes_only_what_changed():
    film = FilmFactory(is_published=True, logline_en="Old.", runtime_minutes=20)
    director = director_user(film)

    revision = film_change_public_info(
        film=film, proposed_by=director, logline_en="New.", runtime_minutes=20
    )

    assert (revision.kind, revision.proposed, revision.proposed_by) == (
        FilmRevision.Kind.FILM,
        {"logline_en": "New."},
        director,
    )
    assert Film.objects.get().logline_en == "Old."


def test_film_change_public_info_with_nothing_changed_proposes_nothing():
    film = FilmFactory(is_published=True, logline_en="Same.")

    revision = film_change_public_info(film=film, proposed_by=someone(), logline_en="Same.")

    assert (revision, FilmRevision.objects.count()) == (None, 0)


def test_film_change_credits_replaces_before_and_proposes_after_publication():
    draft, published = FilmFactory(is_published=False), FilmFactory(is_published=True)
    credits = [{"id": None, "role": Credit.Role.EDITOR, "name_latin": "Lee", "order": 1}]

    film_change_credits(film=draft, proposed_by=someone(), credits=credits)
    revision = film_change_credits(film=published, proposed_by=someone(), credits=credits)

    assert list(draft.credits.values_list("name_latin", flat=True)) == ["Lee"]
    assert (published.credits.count(), revision.proposed) == (0, {"credits": credits})


def test_film_change_poster_after_publication_keeps_the_image_on_the_revision():
    film = FilmFactory(is_published=True, poster="")

    revision = film_change_poster(film=film, proposed_by=someone(), upload=png(), alt_en="A poster")

    film.refresh_from_db()
    assert film.poster.name == ""
    assert revision.image.storage.exists(revision.image.name)
    assert revision.proposed == {"alt_zh": "", "alt_en": "A poster"}


def test_film_add_still_before_publication_adds_it_at_once():
    film = FilmFactory(is_published=False)

    revision = film_add_still(film=film, proposed_by=someone(), upload=png(), alt_en="A still")

    assert (revision, list(film.stills.values_list("alt_en", flat=True))) == (None, ["A still"])


def test_film_add_still_refuses_a_broken_image_and_proposes_nothing():
    film = FilmFactory(is_published=True)
    broken = SimpleUploadedFile("s.png", b"\x89PNG broken", content_type="image/png")

    with pytest.raises(ValidationError):
        film_add_still(film=film, proposed_by=someone(), upload=broken, alt_en="A still")

    assert not FilmRevision.objects.exists()


def test_director_change_profile_applies_consent_at_once_and_proposes_the_rest():
    film = FilmFactory(is_published=True)
    talent = film.director

    revision = director_change_profile(
        talent=talent, proposed_by=someone(), publish_hometown=True, hometown_en="Chengdu"
    )

    talent.refresh_from_db()
    assert (talent.publish_hometown, talent.hometown_en) == (True, "")
    assert (revision.kind, revision.proposed) == (
        FilmRevision.Kind.PROFILE,
        {"hometown_en": "Chengdu"},
    )


def test_director_change_profile_without_a_published_film_applies_everything():
    talent = FilmFactory(is_published=False).director

    revision = director_change_profile(talent=talent, proposed_by=someone(), hometown_en="Chengdu")

    assert (revision, Talent.objects.get(pk=talent.pk).hometown_en) == (None, "Chengdu")


def test_director_change_headshot_before_and_after_publication():
    unpublished = FilmFactory(is_published=False).director
    published = FilmFactory(is_published=True).director

    applied = director_change_headshot(
        talent=unpublished, proposed_by=someone(), upload=png(), alt_en="Me"
    )
    proposed = director_change_headshot(
        talent=published, proposed_by=someone(), upload=png(), alt_en="Me"
    )

    unpublished.refresh_from_db()
    published.refresh_from_db()
    assert (applied, bool(unpublished.headshot), bool(published.headshot)) == (None, True, False)
    assert proposed.kind == FilmRevision.Kind.HEADSHOT


def test_revision_approve_applies_the_change_and_emails_the_director():
    film = FilmFactory(is_published=True, logline_en="Old.")
    director = director_user(film)
    staff = UserFactory(is_staff=True)
    revision = RevisionFactory(film=film, proposed_by=someone(), proposed={"logline_en": "New."})

    revision_approve(revision=revision, decided_by=staff)

    revision.refresh_from_db()
    assert Film.objects.get().logline_en == "New."
    assert (revision.status, revision.decided_by) == (FilmRevision.Status.APPROVED, staff)
    assert list(OutboxMessage.objects.values_list("recipient", "cause")) == [
        (director.email, f"revision:{revision.pk}")
    ]


def test_revision_approve_of_credits_replaces_the_list():
    film = FilmFactory(is_published=True)
    CreditFactory(film=film, name_latin="Gone")
    revision = RevisionFactory(
        film=film,
        proposed_by=someone(),
        kind=FilmRevision.Kind.CREDITS,
        proposed={"credits": [{"id": None, "role": Credit.Role.EDITOR, "name_latin": "Lee"}]},
    )

    revision_approve(revision=revision, decided_by=someone())

    assert list(film.credits.values_list("name_latin", flat=True)) == ["Lee"]


def test_revision_approve_of_a_poster_copies_the_proposed_image_to_the_film():
    film = FilmFactory(is_published=True, poster="")
    revision = film_change_poster(film=film, proposed_by=someone(), upload=png(), alt_en="A poster")

    revision_approve(revision=revision, decided_by=someone())

    film.refresh_from_db()
    assert film.poster.storage.exists(film.poster.name)
    assert film.poster_alt_en == "A poster"


def test_revision_reject_keeps_the_public_value_and_the_note():
    film = FilmFactory(is_published=True, logline_en="Old.")
    revision = RevisionFactory(film=film, proposed_by=someone(), proposed={"logline_en": "New."})

    revision_reject(revision=revision, decided_by=someone(), note="Too long.")

    revision.refresh_from_db()
    assert (revision.status, revision.staff_note) == (FilmRevision.Status.REJECTED, "Too long.")
    assert Film.objects.get().logline_en == "Old."


def test_revision_decided_twice_is_refused_either_way():
    revision = RevisionFactory(proposed_by=someone())
    revision_reject(revision=revision, decided_by=someone())

    with pytest.raises(ValidationError) as approve:
        revision_approve(revision=revision, decided_by=someone())
    with pytest.raises(ValidationError) as reject:
        revision_reject(revision=revision, decided_by=someone())

    assert approve.value.messages == reject.value.messages == ["This revision was already decided."]
