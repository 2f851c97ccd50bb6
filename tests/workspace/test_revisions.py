import pytest
from django.urls import reverse

from films.models import FilmRevision
from tests.factories import CreditFactory, FilmFactory, UserFactory
from tests.factories.portal import RevisionFactory

pytestmark = pytest.mark.django_db


def director_revision(**fields) -> FilmRevision:
    return RevisionFactory(proposed_by=UserFactory(), **fields)


def test_revision_page_shows_public_and_proposed_values_side_by_side(staff_client):
    film = FilmFactory(logline_en="The old logline.")
    revision = director_revision(film=film, proposed={"logline_en": "A new logline."})

    response = staff_client.get(reverse("workspace:revision", args=[revision.pk]))

    [change] = response.context["changes"]
    assert (change.label, change.current, change.proposed) == (
        "logline (English)",
        "The old logline.",
        "A new logline.",
    )
    assert change.is_changed
    html = response.content.decode()
    assert "The old logline." in html
    assert "A new logline." in html


def test_revision_page_shows_credit_lists(staff_client):
    credit = CreditFactory(role="editor", name_latin="Old Editor", name_original="")
    revision = director_revision(
        film=credit.film,
        kind=FilmRevision.Kind.CREDITS,
        proposed={"credits": [{"id": None, "role": "editor", "name_latin": "New Editor"}]},
    )

    response = staff_client.get(reverse("workspace:revision", args=[revision.pk]))

    [change] = response.context["changes"]
    assert (change.current, change.proposed) == ("Editor: Old Editor", "Editor: New Editor")


def test_revision_approve_applies_the_change(staff_client, staff):
    film = FilmFactory(logline_en="The old logline.")
    revision = director_revision(film=film, proposed={"logline_en": "A new logline."})

    response = staff_client.post(
        reverse("workspace:revision", args=[revision.pk]), {"decision": "approved"}
    )

    film.refresh_from_db()
    revision.refresh_from_db()
    assert response["Location"] == reverse("workspace:revisions")
    assert film.logline_en == "A new logline."
    assert (revision.status, revision.decided_by) == ("approved", staff)


def test_revision_reject_keeps_the_public_value_and_the_note(staff_client):
    film = FilmFactory(logline_en="The old logline.")
    revision = director_revision(film=film, proposed={"logline_en": "A new logline."})

    staff_client.post(
        reverse("workspace:revision", args=[revision.pk]),
        {"decision": "rejected", "note": "Too long."},
    )

    film.refresh_from_db()
    revision.refresh_from_db()
    assert film.logline_en == "The old logline."
    assert (revision.status, revision.staff_note) == ("rejected", "Too long.")


def test_revision_decided_twice_answers_with_a_message(staff_client):
    revision = director_revision(status=FilmRevision.Status.REJECTED)

    response = staff_client.post(
        reverse("workspace:revision", args=[revision.pk]), {"decision": "approved"}
    )

    revision.refresh_from_db()
    assert response.status_code == 400
    assert "This revision was already decided." in response.content.decode()
    assert revision.status == "rejected"


def test_revision_decision_must_be_a_known_choice(staff_client):
    revision = director_revision()

    response = staff_client.post(
        reverse("workspace:revision", args=[revision.pk]), {"decision": "maybe"}
    )

    revision.refresh_from_db()
    assert response.status_code == 400
    assert revision.status == "pending"


def test_revision_list_shows_only_pending_ones(staff_client):
    pending = director_revision()
    RevisionFactory(status=FilmRevision.Status.APPROVED)

    response = staff_client.get(reverse("workspace:revisions"))

    assert list(response.context["revisions"]) == [pending]


def _film_with_director_account(language: str):
    from tests.factories.portal import director_user

    film = FilmFactory(logline_en="The old logline.", title_zh="笼", title_en="The Cage")
    return film, director_user(film, preferred_language=language)


def test_the_director_is_emailed_when_staff_approve_their_change(staff_client):
    from outbox.models import OutboxMessage

    film, director = _film_with_director_account("en")
    revision = director_revision(film=film, proposed={"logline_en": "A new logline."})

    staff_client.post(reverse("workspace:revision", args=[revision.pk]), {"decision": "approved"})

    message = OutboxMessage.objects.get(recipient=director.email)
    assert message.subject == "Your change to The Cage is published"
    assert f"/portal/films/{film.pk}/" in message.body_text


def test_the_director_is_emailed_in_their_language_when_staff_reject_their_change(staff_client):
    from outbox.models import OutboxMessage

    film, director = _film_with_director_account("zh-hans")
    revision = director_revision(film=film, proposed={"logline_en": "A new logline."})

    staff_client.post(
        reverse("workspace:revision", args=[revision.pk]),
        {"decision": "rejected", "note": "Too long."},
    )

    message = OutboxMessage.objects.get(recipient=director.email)
    assert (message.language, "笼" in message.subject) == ("zh-hans", True)
    assert "Too long." in message.body_text
