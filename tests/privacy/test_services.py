import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.utils import translation

from accounts.models import SecurityEvent, User
from invitations.models import Invitation
from mentors.models import Mentor
from outbox.models import OutboxMessage
from privacy.services import (
    ERASED_NAME,
    person_erase,
    personal_data,
    personal_data_export,
)
from talents.models import Talent
from tests.factories import (
    CommentFactory,
    CreditFactory,
    InvitationFactory,
    SubmissionFactory,
    UserFactory,
    image_bytes,
    portal_world,
)
from tests.factories.outbox import OutboxMessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    return portal_world()


def test_personal_data_holds_the_directors_records_and_no_one_elses(world):
    CommentFactory(submission=world.submission, author=world.director, body="Mine.")
    CommentFactory(submission=world.submission, author=world.producer, body="Not mine.")

    data = personal_data(user=world.director)

    assert data["user"]["email"] == world.director.email
    assert [row["id"] for row in data["films"]] == [world.film.pk]
    assert [row["body"] for row in data["comments"]] == ["Mine."]
    assert [row["id"] for row in data["submissions"]] == [world.submission.pk]
    assert data["mentor_profile"] == []


def test_personal_data_leaves_out_secrets(world):
    InvitationFactory(email=world.director.email, talent=world.film.director)

    data = personal_data(user=world.director)

    assert "password" not in data["user"]
    assert len(data["invitations"]) == 1
    assert "token_hash" not in data["invitations"][0]


def test_personal_data_export_is_a_zip_with_the_data_and_the_uploaded_files(world):
    submission = SubmissionFactory(
        film=world.film, milestone=world.document_milestone, submitted_by=world.director
    )
    submission.file.save("a.pdf", ContentFile(b"%PDF-1.7 confidential"))

    archive = zipfile.ZipFile(io.BytesIO(personal_data_export(user=world.director)))

    assert sorted(archive.namelist()) == ["data.json", f"files/submissions/{submission.pk}.pdf"]
    assert json.loads(archive.read("data.json"))["user"]["email"] == world.director.email
    assert SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.DATA_EXPORTED, user=world.director
    ).exists()


def test_person_erase_of_a_director_anonymises_the_account_and_keeps_the_name(
    world, django_capture_on_commit_callbacks
):
    talent = world.film.director
    talent.headshot.save("h.png", ContentFile(image_bytes()), save=False)
    talent.headshot_alt_en, talent.bio_en, talent.email = "Me", "Bio.", "me@example.org"
    talent.save()
    headshot = talent.headshot.name
    storage = talent.headshot.storage
    staff = UserFactory(is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        user = person_erase(talent=talent, by=staff)

    talent.refresh_from_db()
    user.refresh_from_db()
    assert (talent.bio_en, talent.email, talent.headshot.name, talent.user) == ("", "", "", None)
    assert talent.name_latin != ""
    assert (user.full_name, user.is_active, user.has_usable_password()) == (
        ERASED_NAME,
        False,
        False,
    )
    assert user.email == f"erased-{user.pk}@erased.invalid"
    assert storage.exists(headshot) is False


def test_person_erase_purges_the_directors_deliverables_and_invitations(world):
    InvitationFactory(talent=world.film.director)

    person_erase(talent=world.film.director, by=UserFactory(is_staff=True))

    world.submission.refresh_from_db()
    assert (world.submission.video_url, world.submission.access_code) == ("", "")
    assert world.submission.purged_at is not None
    assert not Invitation.objects.filter(talent=world.film.director).exists()


def test_person_erase_of_a_director_deletes_their_mail_and_blanks_their_comments(world):
    OutboxMessageFactory(recipient=world.director.email)
    comment = CommentFactory(submission=world.submission, author=world.director, body="Secret.")

    person_erase(talent=world.film.director, by=UserFactory(is_staff=True))

    comment.refresh_from_db()
    assert (OutboxMessage.objects.count(), comment.body) == (0, "—")


def test_person_erase_of_a_mentor_keeps_the_produced_film_and_its_credit(world):
    mentor = Mentor.objects.get(user=world.producer)
    credit = CreditFactory(film=world.film, mentor=mentor, name_latin="Pat Producer")

    person_erase(mentor=mentor, by=UserFactory(is_staff=True))

    mentor.refresh_from_db()
    credit.refresh_from_db()
    assert (mentor.user, mentor.bio_en, world.film.producer_id) == (None, "", mentor.pk)
    assert credit.name_latin == "Pat Producer"
    assert User.objects.get(pk=world.producer.pk).full_name == ERASED_NAME


def test_person_erase_of_a_profile_without_an_account_is_recorded_without_a_user():
    world = portal_world()
    talent = world.same_cohort_director.talent_profile
    talent.user = None
    talent.save()
    staff = UserFactory(is_staff=True)

    result = person_erase(talent=talent, by=staff)

    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.PERSON_ERASED)
    assert (result, event.user, event.actor, event.email) == (
        None,
        None,
        staff,
        f"talent:{talent.pk}",
    )
    assert Talent.objects.filter(pk=talent.pk).exists()
