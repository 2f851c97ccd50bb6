"""A person's export holds their rows and nobody else's, and their erasure touches their rows
and nobody else's: two people with a row of every kind the privacy services read or change, the
other person made first (so "the first talent" is never the right one by luck). Found by
./dev mutants: every filter of personal_data and _erase_account could be dropped unnoticed."""

import datetime
import io
import zipfile
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecurityEvent, User
from accounts.services import security_event_record
from calls.models import Answer, Application
from films.models import Film, FilmRevision, MilestoneSubmission, SubmissionComment
from guests.models import IndustryInvitation, Meeting
from invitations.models import Invitation
from mentors.models import Mentor
from outbox.models import OutboxMessage
from privacy.services import person_erase, personal_data, personal_data_export
from talents.models import Enrollment, Talent
from tests.factories import (
    CommentFactory,
    CreditFactory,
    FilmFactory,
    InvitationFactory,
    MentorFactory,
    PanelMembershipFactory,
    RevisionFactory,
    SubmissionFactory,
    TalentFactory,
    UserFactory,
    image_bytes,
    pdf_bytes,
)
from tests.factories.alumni import AlumniEntryFactory
from tests.factories.calls import ApplicationFactory, QuestionFactory
from tests.factories.guests import IndustryAccreditationFactory, MarketDayFactory
from tests.factories.outbox import OutboxMessageFactory

pytestmark = pytest.mark.django_db


@dataclass
class Person:
    user: User
    talent: Talent
    mentor: Mentor
    film: Film
    submission: MilestoneSubmission
    meeting: Meeting
    expected: dict[str, set[int]]


def person(name: str) -> Person:
    """A director with an account who is also a mentor, with a row of every kind."""
    user = UserFactory(full_name=name, email=f"{name.lower()}@example.org")
    talent = TalentFactory(user=user, name_latin=name, name_original=f"{name}导演")
    talent.headshot.save("headshot.png", ContentFile(image_bytes()))
    mentor = MentorFactory(user=user)
    mentor.photo.save("photo.png", ContentFile(image_bytes()))
    film = FilmFactory(director=talent, producer=mentor)
    submission = SubmissionFactory(
        film=film,
        submitted_by=user,
        video_url="",
        original_filename="cut.pdf",
        file=ContentFile(pdf_bytes(), name="cut.pdf"),
    )
    accreditation = IndustryAccreditationFactory(user=user)
    meeting = Meeting.objects.create(
        market_day=MarketDayFactory(cohort=accreditation.cohort),
        accreditation=accreditation,
        film=film,
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(minutes=30),
        message=f"{name} would like to meet.",
    )
    industry_invitation = IndustryInvitation.objects.create(
        cohort=accreditation.cohort,
        email=user.email,
        token_hash=f"industry-{name}",
        organisation="Platform",
        valid_until=timezone.localdate(),
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    events = [
        security_event_record(kind=SecurityEvent.Kind.LOGIN_SUCCEEDED, user=user),
        security_event_record(kind=SecurityEvent.Kind.LOGIN_SUCCEEDED, user=None, actor=user),
    ]
    OutboxMessageFactory(recipient=user.email)
    TOTPDevice.objects.create(user=user, name="phone")
    StaticDevice.objects.create(user=user, name="backup codes")
    application = ApplicationFactory(applicant=user)
    Answer.objects.create(application=application, question=QuestionFactory(), text="My answer.")
    expected = {
        "talent_profile": {talent.pk},
        "mentor_profile": {mentor.pk},
        "enrolments": set(Enrollment.objects.filter(talent=talent).values_list("pk", flat=True)),
        "panel_seats": {PanelMembershipFactory(mentor=mentor).pk},
        "films": {film.pk},
        "credits": {CreditFactory(film=film, talent=talent).pk},
        "submissions": {submission.pk},
        "comments": {CommentFactory(submission=submission, author=user).pk},
        "proposed_changes": {RevisionFactory(film=film, proposed_by=user).pk},
        # To their address, for somebody else's profile (sent before the accounts were linked).
        "invitations": {InvitationFactory(email=user.email).pk},
        "security_events": {events[0].pk},
        "alumni_entries": {AlumniEntryFactory(film=film).pk},
        "industry_accreditations": {accreditation.pk},
        "industry_invitations": {industry_invitation.pk},
        "market_meetings": {meeting.pk},
    }
    return Person(user, talent, mentor, film, submission, meeting, expected)


@pytest.fixture
def other():
    return person("Olga")


@pytest.fixture
def erased(other):
    return person("Ernest")


def sections(data: dict) -> dict[str, set[int]]:
    return {
        name: {row["id"] for row in rows} for name, rows in data.items() if isinstance(rows, list)
    }


def test_the_export_holds_the_persons_rows_and_nobody_elses(other, erased):
    data = personal_data(user=erased.user)

    assert sections(data) == erased.expected


def test_the_export_holds_the_persons_files_and_nobody_elses(other, erased):
    archive = zipfile.ZipFile(io.BytesIO(personal_data_export(user=erased.user)))

    assert set(archive.namelist()) == {
        "data.json",
        f"files/submissions/{erased.submission.pk}.pdf",
        "files/headshot.png",
        "files/photo.png",
    }


def test_the_export_is_readable_chinese_not_escapes(erased):
    data_json = zipfile.ZipFile(io.BytesIO(personal_data_export(user=erased.user))).read(
        "data.json"
    )

    assert "Ernest导演".encode() in data_json


def test_the_export_skips_files_no_longer_in_storage(erased):
    erased.submission.file.storage.delete(erased.submission.file.name)
    erased.talent.headshot.storage.delete(erased.talent.headshot.name)

    archive = zipfile.ZipFile(io.BytesIO(personal_data_export(user=erased.user)))

    assert set(archive.namelist()) == {"data.json", "files/photo.png"}


def everything_of(someone: Person) -> dict:
    data = personal_data(user=someone.user)
    data.pop("exported_at")
    return {
        **data,
        "outbox": list(OutboxMessage.objects.filter(recipient=someone.user.email).values("pk")),
        "devices": (
            TOTPDevice.objects.filter(user=someone.user).count(),
            StaticDevice.objects.filter(user=someone.user).count(),
        ),
        "answers": list(
            Answer.objects.filter(application__applicant=someone.user).values("text", "chosen")
        ),
        "applications": list(Application.objects.filter(applicant=someone.user).values()),
    }


def test_erasing_a_person_changes_nothing_of_anybody_else(other, erased):
    before = everything_of(other)

    person_erase(talent=erased.talent, by=UserFactory(is_staff=True))

    assert everything_of(other) == before


def test_erasure_leaves_the_old_address_nowhere(erased):
    old_email = erased.user.email

    person_erase(talent=erased.talent, by=UserFactory(is_staff=True))

    assert not Invitation.objects.filter(email__iexact=old_email).exists()
    assert not IndustryInvitation.objects.filter(email__iexact=old_email).exists()
    assert not OutboxMessage.objects.filter(recipient__iexact=old_email).exists()
    assert not SecurityEvent.objects.filter(email__iexact=old_email).exists()
    assert not SecurityEvent.objects.filter(actor_email__iexact=old_email).exists()


def test_erasure_empties_the_persons_market_messages_and_comments(erased):
    person_erase(talent=erased.talent, by=UserFactory(is_staff=True))

    erased.meeting.refresh_from_db()
    assert erased.meeting.message == ""
    comments = SubmissionComment.objects.filter(submission__film=erased.film)
    assert list(comments.values_list("body", flat=True)) == ["—"]


def test_erasing_a_mentor_clears_their_profile_and_the_files_they_uploaded(erased):
    erased.mentor.bio_en, erased.mentor.email = "Produced ten films.", "pat@example.org"
    erased.mentor.save()

    person_erase(mentor=erased.mentor, by=UserFactory(is_staff=True))

    erased.mentor.refresh_from_db()
    erased.submission.refresh_from_db()
    assert (erased.mentor.bio_en, erased.mentor.email, erased.mentor.photo.name) == ("", "", "")
    assert (erased.submission.file.name, erased.submission.purged_at is not None) == ("", True)


def test_erasure_keeps_the_date_an_earlier_purge_recorded(erased):
    purged_at = timezone.now() - datetime.timedelta(days=30)
    earlier = SubmissionFactory(film=erased.film, submitted_by=erased.user, purged_at=purged_at)

    person_erase(talent=erased.talent, by=UserFactory(is_staff=True))

    earlier.refresh_from_db()
    assert earlier.purged_at == purged_at


def test_erasure_removes_the_note_of_a_link_submission(erased):
    link = SubmissionFactory(film=erased.film, submitted_by=erased.user, note="Password: owl")

    person_erase(talent=erased.talent, by=UserFactory(is_staff=True))

    link.refresh_from_db()
    assert (link.note, link.video_url) == ("", "")


def test_erasure_withdraws_only_waiting_revisions_and_empties_only_personal_ones(erased):
    decided_at = timezone.now() - datetime.timedelta(days=3)
    approved = RevisionFactory(
        film=erased.film,
        proposed_by=erased.user,
        status=FilmRevision.Status.APPROVED,
        decided_at=decided_at,
    )
    profile = RevisionFactory(
        film=erased.film, kind=FilmRevision.Kind.PROFILE, proposed={"bio_en": "About me."}
    )

    person_erase(talent=erased.talent, by=UserFactory(is_staff=True))

    approved.refresh_from_db()
    profile.refresh_from_db()
    assert (approved.status, approved.decided_at) == (FilmRevision.Status.APPROVED, decided_at)
    assert approved.proposed == {"logline_en": "A new logline."}
    assert (profile.status, profile.proposed) == (FilmRevision.Status.REJECTED, {})
