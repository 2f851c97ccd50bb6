import pytest
from django.urls import reverse

from films.services import film_update
from tests.factories import EnrollmentFactory, FilmFactory, SubmissionFactory, UserFactory
from tests.factories.portal import director_user
from workspace.models import AuditEntry

pytestmark = pytest.mark.django_db


def film_form(film, **overrides) -> dict:
    fields = ["title_zh", "title_en", "logline_zh", "logline_en", "genre", "stage"]
    return {**{name: getattr(film, name) for name in fields}, **overrides}


def test_history_records_a_workspace_change_with_before_and_after(staff_client, staff):
    film = FilmFactory(logline_en="Old logline.")

    staff_client.post(
        reverse("workspace:film_edit", args=[film.pk]), film_form(film, logline_en="New logline.")
    )

    entry = AuditEntry.objects.filter(film_pk=film.pk, action="changed").get()
    assert (entry.actor, entry.door, entry.model_label) == (staff, "workspace", "films.Film")
    assert entry.changes["logline_en"] == ["Old logline.", "New logline."]


def test_history_records_a_directors_portal_change(client):
    film = FilmFactory(is_published=False, logline_en="Old logline.")
    director = director_user(film)
    client.force_login(director)
    data = {**film_form(film, logline_en="Director's logline."), "runtime_minutes": "20"}

    client.post(reverse("portal:film_edit", args=[film.pk]), data)

    entry = AuditEntry.objects.filter(film_pk=film.pk, action="changed").get()
    assert (entry.actor, entry.door) == (director, "portal")
    assert entry.changes["logline_en"] == ["Old logline.", "Director's logline."]


def test_history_records_an_admin_change(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    enrollment = EnrollmentFactory()
    client.force_login(admin)

    client.post(
        reverse("admin:talents_enrollment_change", args=[enrollment.pk]),
        {
            "talent": enrollment.talent.pk,
            "cohort": enrollment.cohort.pk,
            "role": "director",
            "status": "withdrawn",
        },
    )

    entry = AuditEntry.objects.get(model_label="talents.Enrollment", action="changed")
    assert (entry.actor, entry.door) == (admin, "admin")
    assert entry.changes == {"status": ["active", "withdrawn"]}


def test_history_records_a_change_outside_a_request_as_the_systems():
    film = FilmFactory(title_en="Old")

    film_update(film=film, title_en="New")

    entry = AuditEntry.objects.get(film_pk=film.pk, action="changed")
    assert (entry.actor, entry.door, entry.actor_name) == (None, "system", "")
    assert entry.changes == {"title_en": ["Old", "New"]}


def test_history_records_submissions_and_deletions_under_their_film():
    submission = SubmissionFactory()
    film_pk = submission.film_id

    submission.delete()

    actions = list(
        AuditEntry.objects.filter(film_pk=film_pk, model_label="films.MilestoneSubmission")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["created", "deleted"]


def test_history_skips_saves_that_change_nothing():
    film = FilmFactory()
    before = AuditEntry.objects.count()

    film.save()

    assert AuditEntry.objects.count() == before


def test_film_page_shows_its_history(staff_client):
    film = FilmFactory(title_en="Old title")
    film_update(film=film, title_en="New title")

    response = staff_client.get(reverse("workspace:film", args=[film.pk]))

    assert [entry.action for entry in response.context["history"]] == ["changed", "created"]
    html = response.content.decode()
    assert "<del>Old title</del>" in html
    assert "<ins>New title</ins>" in html
