"""Erasure leaves none of the person's files in any storage folder (issue 15, Medium 5), nor the
names their files had, nor what only they could use (two-factor devices, mail to them)."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from films import services
from films.models import FilmRevision, MilestoneSubmission
from outbox.models import OutboxMessage
from outbox.services import message_enqueue
from tests.factories import UserFactory, image_bytes, portal_world
from tests.permissions.expectations import file_submission
from workspace.privacy import person_erase_everywhere

pytestmark = pytest.mark.django_db


def stored_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_file())


def png(name: str = "me.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(), content_type="image/png")


def erase(talent, by, callbacks):
    with callbacks(execute=True):
        person_erase_everywhere(talent=talent, by=by)


def test_erasure_deletes_headshots_the_profile_held_before(
    settings, django_capture_on_commit_callbacks
):
    # A headshot replaced by a plain save (as the admin did before it deleted replaced images)
    # stays on disk, named only in the change history.
    world = portal_world()
    talent = world.film.director
    talent.headshot_alt_en = "Dana"
    for name in ("first.png", "second.png"):
        talent.headshot.save(name, ContentFile(image_bytes()), save=True)
    assert len(stored_files(settings.MEDIA_ROOT)) == 2

    erase(talent, world.staff, django_capture_on_commit_callbacks)

    assert stored_files(settings.MEDIA_ROOT) == []


def test_the_admin_deletes_a_photo_it_replaces(
    settings, client, django_capture_on_commit_callbacks
):
    world = portal_world()
    mentor = world.film.producer
    mentor.photo_alt_en = "Pat"
    mentor.photo.save("old.png", ContentFile(image_bytes()), save=True)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    form = {
        "slug": mentor.slug, "name_original": mentor.name_original,
        "name_latin": mentor.name_latin, "photo": png(), "photo_alt_en": "Pat", "links": "[]",
        "review_emails": mentor.review_emails,
        "panel_seats-TOTAL_FORMS": "0", "panel_seats-INITIAL_FORMS": "0",
    }  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:mentors_mentor_change", args=[mentor.pk]), form)

    mentor.refresh_from_db()
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert stored_files(settings.MEDIA_ROOT) == [mentor.photo.name]
    assert mentor.photo.name != "mentors/old.png"


def test_erasure_deletes_a_waiting_headshot_revision_and_it_cannot_be_approved(
    settings, django_capture_on_commit_callbacks
):
    world = portal_world(film_published=True)
    talent = world.film.director
    revision = services.director_change_headshot(
        talent=talent, proposed_by=world.director, upload=png(), alt_en="Dana"
    )
    assert stored_files(Path(settings.MEDIA_ROOT) / "revisions") != []

    erase(talent, world.staff, django_capture_on_commit_callbacks)

    revision.refresh_from_db()
    assert stored_files(settings.MEDIA_ROOT) == []
    assert (revision.status, revision.image.name, revision.proposed) == ("rejected", "", {})
    with pytest.raises(ValidationError):
        services.revision_approve(revision=revision, decided_by=world.staff)


def test_erasure_deletes_the_revisions_the_person_proposed_whatever_they_change(
    settings, django_capture_on_commit_callbacks
):
    world = portal_world(film_published=True)
    revision = services.film_change_poster(
        film=world.film, proposed_by=world.director, upload=png("poster.png"), alt_en="Poster"
    )

    erase(world.film.director, world.staff, django_capture_on_commit_callbacks)

    revision.refresh_from_db()
    assert stored_files(Path(settings.MEDIA_ROOT) / "revisions") == []
    assert revision.status == FilmRevision.Status.REJECTED


def test_erasure_deletes_files_others_uploaded_to_the_persons_films(
    settings, django_capture_on_commit_callbacks
):
    world = portal_world()
    submission = file_submission(world)
    submission.submitted_by = world.producer
    submission.save()

    erase(world.film.director, world.staff, django_capture_on_commit_callbacks)

    submission.refresh_from_db()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []
    assert (submission.file.name, submission.original_filename) == ("", "")


def test_erasure_forgets_the_original_names_of_files_purged_before(
    settings, django_capture_on_commit_callbacks
):
    world = portal_world()
    submission = file_submission(world)
    # As the retention purge leaves it: the file gone, the row and its file's name kept.
    MilestoneSubmission.objects.filter(pk=submission.pk).update(file="", purged_at=timezone.now())

    erase(world.film.director, world.staff, django_capture_on_commit_callbacks)

    submission.refresh_from_db()
    assert submission.original_filename == ""


def test_erasure_deletes_the_two_factor_devices(django_capture_on_commit_callbacks):
    world = portal_world()
    TOTPDevice.objects.create(user=world.director, name="phone")
    StaticDevice.objects.create(user=world.director, name="recovery")

    erase(world.film.director, world.staff, django_capture_on_commit_callbacks)

    assert TOTPDevice.objects.count() == StaticDevice.objects.count() == 0


def test_erasure_deletes_mail_queued_to_the_old_address(django_capture_on_commit_callbacks):
    world = portal_world()
    message_enqueue(
        recipient=world.director.email, language="en", template="revision_decided",
        context={"revision": None, "film": world.film, "link": "https://x.test/"}, cause="t:1",
    )  # fmt: skip
    message_enqueue(
        recipient=world.producer.email, language="en", template="revision_decided",
        context={"revision": None, "film": world.film, "link": "https://x.test/"}, cause="t:2",
    )  # fmt: skip

    erase(world.film.director, world.staff, django_capture_on_commit_callbacks)

    assert list(OutboxMessage.objects.values_list("recipient", flat=True)) == [world.producer.email]


def test_erasure_leaves_the_account_no_groups_comments_links_or_addresses(
    django_capture_on_commit_callbacks,
):
    # Each of these lines of the erasure could be removed without a test noticing (./dev mutants).
    from django.contrib.auth.models import Group, Permission

    from accounts.models import SecurityEvent
    from films.models import SubmissionComment

    world = portal_world()
    director, email = world.director, world.director.email
    director.groups.add(Group.objects.create(name="Volunteers"))
    director.user_permissions.add(Permission.objects.get(codename="view_film"))
    comment = SubmissionComment.objects.create(
        submission=world.submission, author=director, body="My phone is 138 0000 0000"
    )
    event = SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.LOGIN_FAILED, user=director, email=email, ip_address="203.0.113.9"
    )

    erase(world.film.director, world.staff, django_capture_on_commit_callbacks)

    director.refresh_from_db()
    comment.refresh_from_db()
    event.refresh_from_db()
    world.film.director.refresh_from_db()
    assert (director.groups.count(), director.user_permissions.count()) == (0, 0)
    assert comment.body == "—"
    assert world.film.director.user_id is None
    assert (event.ip_address, event.email) == (None, director.email)
    assert not SecurityEvent.objects.filter(email=email).exists()
