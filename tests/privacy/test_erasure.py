import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from accounts.models import SecurityEvent
from films.models import MilestoneSubmission
from tests.factories import CreditFactory, UserFactory, image_bytes, portal_world
from tests.factories.portal import PASSWORD
from tests.permissions.expectations import file_submission
from workspace.models import AuditEntry

pytestmark = pytest.mark.django_db


def erase_director(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.staff)
    url = reverse("workspace:talent_erase", kwargs={"talent_id": world.film.director_id})
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, {"confirm": "on"})


def director_with_personal_data(world):
    talent = world.film.director
    talent.birth_year, talent.hometown_en, talent.email = 1995, "Chengdu", "dana@example.org"
    talent.links = [{"label": "Site", "url": "https://dana.example.org"}]
    talent.headshot_alt_en = "Dana"
    talent.headshot.save("headshot.png", ContentFile(image_bytes()), save=False)
    talent.publish_birth_year = talent.publish_hometown = talent.publish_headshot = True
    talent.save()
    return talent


def test_erasure_removes_the_profile_details_and_photo(client, django_capture_on_commit_callbacks):
    world = portal_world()
    talent = director_with_personal_data(world)
    storage, headshot = talent.headshot.storage, talent.headshot.name

    response = erase_director(client, world, django_capture_on_commit_callbacks)

    talent.refresh_from_db()
    assert response["Location"] == reverse("workspace:talents")
    assert (talent.birth_year, talent.hometown_en, talent.email, talent.links) == (None, "", "", [])
    assert (talent.headshot.name, talent.publish_headshot) == ("", False)
    assert not storage.exists(headshot)


def test_erasure_keeps_the_films_credits_under_the_consented_name(
    client, django_capture_on_commit_callbacks
):
    world = portal_world()
    talent = world.film.director
    credit = CreditFactory(film=world.film, talent=talent, name_latin="Dana Director")

    erase_director(client, world, django_capture_on_commit_callbacks)

    credit.refresh_from_db()
    talent.refresh_from_db()
    assert credit.name_latin == "Dana Director"
    assert talent.name_latin != ""
    assert world.film.director_id == talent.pk


def test_erasure_deletes_confidential_files(client, django_capture_on_commit_callbacks):
    world = portal_world()
    submission = file_submission(world)
    storage, name = submission.file.storage, submission.file.name

    erase_director(client, world, django_capture_on_commit_callbacks)

    submission.refresh_from_db()
    world.submission.refresh_from_db()
    assert (submission.file.name, world.submission.video_url) == ("", "")
    assert not storage.exists(name)
    assert MilestoneSubmission.objects.filter(pk=submission.pk, purged_at__isnull=False).exists()


def test_erasure_disables_the_login_and_anonymises_the_account(
    client, django_capture_on_commit_callbacks
):
    world = portal_world()
    email = world.director.email

    erase_director(client, world, django_capture_on_commit_callbacks)

    world.director.refresh_from_db()
    signed_in = Client().login(username=email, password=PASSWORD)
    assert signed_in is False
    assert world.director.is_active is False
    assert world.director.email.endswith("@erased.invalid")
    assert world.director.full_name == "Erased person"
    assert not world.director.has_usable_password()


def test_erasure_is_recorded_and_forgets_the_name_in_the_history(
    client, django_capture_on_commit_callbacks
):
    world = portal_world()
    AuditEntry.objects.create(
        actor=world.director, actor_name=str(world.director), door="portal", action="changed",
        model_label="films.film", object_pk=str(world.film.pk), object_repr="film",
    )  # fmt: skip

    erase_director(client, world, django_capture_on_commit_callbacks)

    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.PERSON_ERASED)
    assert (event.user, event.actor) == (world.director, world.staff)
    assert list(
        AuditEntry.objects.filter(actor=world.director).values_list("actor_name", flat=True)
    ) == ["Erased person"]


def test_erasure_without_confirmation_says_so_and_changes_nothing(client):
    world = portal_world()
    client.force_login(world.staff)
    url = reverse("workspace:talent_erase", kwargs={"talent_id": world.film.director_id})

    response = client.post(url, {})

    world.director.refresh_from_db()
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["confirm"]
    assert world.director.is_active is True


def test_erasure_of_a_mentor_keeps_the_produced_film(client, django_capture_on_commit_callbacks):
    world = portal_world()
    client.force_login(world.staff)
    url = reverse("workspace:mentor_erase", kwargs={"mentor_id": world.film.producer_id})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"confirm": "on"})

    world.film.refresh_from_db()
    world.producer.refresh_from_db()
    assert world.film.producer_id is not None
    assert world.producer.is_active is False


def test_erasure_page_is_linked_from_the_person_page(client):
    world = portal_world()
    client.force_login(world.staff)

    page = client.get(
        reverse("workspace:talent_edit", kwargs={"talent_id": world.film.director_id})
    )

    assert (
        reverse("workspace:talent_erase", kwargs={"talent_id": world.film.director_id}) in page.text
    )


def test_erasure_is_refused_to_non_staff(client):
    world = portal_world()
    client.force_login(UserFactory())
    url = reverse("workspace:talent_erase", kwargs={"talent_id": world.film.director_id})

    response = client.post(url, {"confirm": "on"})

    assert response.status_code == 404


def test_erasure_leaves_no_personal_detail_in_the_change_history(
    client, django_capture_on_commit_callbacks
):
    world = portal_world()
    director_with_personal_data(world)
    submission = file_submission(world)
    submission.video_url, submission.note = "https://private.example.org/cut", "Personal note"
    submission.save()

    erase_director(client, world, django_capture_on_commit_callbacks)

    recorded = str(list(AuditEntry.objects.values_list("changes", flat=True)))
    for detail in ("Chengdu", "dana@example.org", "dana.example.org", "1995", "Personal note"):
        assert detail not in recorded
    assert "private.example.org" not in recorded


def test_the_history_never_holds_a_private_link_or_access_code():
    from tests.factories import SubmissionFactory

    SubmissionFactory(video_url="https://private.example.org/cut", access_code="s3cret")

    recorded = str(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert "private.example.org" not in recorded
    assert "s3cret" not in recorded
