"""Personal data on request: everything the system holds about a person as one ZIP, and erasure.

A person's data spans every app (their profile, the films they direct or produce, their
submissions and comments), so this module reaches up to them as accounts' invitations do; the
staff workspace calls it, nothing below does. What erasure keeps, and why: the films and their
credits under the name the person consented to (the public record of a festival), the security
events (with the address removed) as proof of what happened to the account."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import PurePath

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecurityEvent, User
from accounts.services import security_event_record
from alumni.models import AlumniEntry
from calls.models import Answer, Application, ApplicationFile, CoApplicant
from core.services import rows_update
from films.models import Credit, Film, FilmRevision, MilestoneSubmission, SubmissionComment
from guests.models import IndustryAccreditation, IndustryInvitation, Meeting
from invitations.models import Invitation
from mentors.models import Mentor, PanelMembership
from mentors.services import mentor_update
from outbox.models import OutboxMessage
from talents.models import Enrollment, Talent
from talents.services import talent_update

USER_FIELDS = (
    "email",
    "full_name",
    "preferred_language",
    "is_staff",
    "is_active",
    "date_joined",
    "last_login",
)
# What is never handed out, even to the person: secrets that would let a copy of the export sign
# in or forge links.
SECRET_FIELDS = {"password", "token_hash"}


def _records(queryset) -> list[dict]:
    rows = serializers.serialize("python", queryset)
    return [
        {"id": row["pk"], **{k: v for k, v in row["fields"].items() if k not in SECRET_FIELDS}}
        for row in rows
    ]


def personal_data(*, user: User) -> dict:
    talent = Talent.objects.filter(user=user).first()
    mentor = Mentor.objects.filter(user=user).first()
    films = Film.objects.filter(Q(director__user=user) | Q(producer__user=user))
    return {
        "exported_at": timezone.now(),
        "user": {field: getattr(user, field) for field in USER_FIELDS},
        "talent_profile": _records(Talent.objects.filter(pk=getattr(talent, "pk", None))),
        "mentor_profile": _records(Mentor.objects.filter(pk=getattr(mentor, "pk", None))),
        "enrolments": _records(Enrollment.objects.filter(talent__user=user)),
        "panel_seats": _records(PanelMembership.objects.filter(mentor__user=user)),
        "films": _records(films),
        "credits": _records(Credit.objects.filter(Q(talent__user=user) | Q(mentor__user=user))),
        "submissions": _records(_submissions_of(user)),
        "comments": _records(SubmissionComment.objects.filter(author=user)),
        "proposed_changes": _records(FilmRevision.objects.filter(proposed_by=user)),
        "invitations": _records(
            Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user))
        ),
        "security_events": _records(SecurityEvent.objects.filter(user=user)),
        "alumni_entries": _records(AlumniEntry.objects.filter(talent__user=user)),
        "industry_accreditations": _records(IndustryAccreditation.objects.filter(user=user)),
        "industry_invitations": _records(
            IndustryInvitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user))
        ),
        "market_meetings": _records(Meeting.objects.filter(accreditation__user=user)),
    }


def _submissions_of(user: User):
    return MilestoneSubmission.objects.filter(Q(submitted_by=user) | Q(film__director__user=user))


def personal_data_export(*, user: User) -> bytes:
    """A ZIP: data.json, and the files the person uploaded (their submissions, their photo)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        data = json.dumps(
            personal_data(user=user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
        )
        archive.writestr("data.json", data)
        for name, field_file in _files_of(user):
            with field_file.open("rb") as source:
                archive.writestr(f"files/{name}", source.read())
    security_event_record(kind=SecurityEvent.Kind.DATA_EXPORTED, user=user)
    return out.getvalue()


def _files_of(user: User):
    for submission in MilestoneSubmission.objects.filter(submitted_by=user).exclude(file=""):
        if submission.file.storage.exists(submission.file.name):
            yield (
                f"submissions/{submission.pk}{PurePath(submission.file.name).suffix}",
                submission.file,
            )
    for profile, field in ((Talent, "headshot"), (Mentor, "photo")):
        for person in profile.objects.filter(user=user).exclude(**{field: ""}):
            image = getattr(person, field)
            if image.storage.exists(image.name):
                yield f"{field}{PurePath(image.name).suffix}", image


ERASED_NAME = "Erased person"
TALENT_ERASED = {
    "email": "", "birth_year": None, "hometown_zh": "", "hometown_en": "", "background_zh": "",
    "background_en": "", "bio_zh": "", "bio_en": "", "headshot_alt_zh": "", "headshot_alt_en": "",
    "links": [], "publish_birth_year": False, "publish_hometown": False, "publish_headshot": False,
    "publish_links": False, "publish_background": False,
}  # fmt: skip
MENTOR_ERASED = {
    "email": "", "bio_zh": "", "bio_en": "", "photo_alt_zh": "", "photo_alt_en": "", "links": [],
    "publish_photo": False, "publish_links": False,
}  # fmt: skip


@transaction.atomic
def person_erase(
    *, talent: Talent | None = None, mentor: Mentor | None = None, by: User
) -> User | None:
    """Erase a talent or mentor on their request: profile details, photo, contact address and
    confidential files deleted; their account anonymised and unable to sign in. Their name stays
    on the profile and on their films' credits: the public record under the name they consented
    to. Returns the anonymised account, if they had one."""
    profile = talent or mentor
    user = profile.user
    files = _erase_profile(talent, mentor)
    files += _erase_confidential_files(talent, user)
    files += _erase_revisions(talent, user)
    files += _erase_applications(talent, user)
    if user is not None:
        _erase_account(user)
    security_event_record(
        kind=SecurityEvent.Kind.PERSON_ERASED,
        user=user,
        actor=by,
        email=f"{type(profile).__name__.lower()}:{profile.pk}",
        details={"profile": f"{profile._meta.label}:{profile.pk}", "files_deleted": len(files)},
    )
    transaction.on_commit(lambda: _delete_files(files))
    return user


def _erase_profile(talent: Talent | None, mentor: Mentor | None) -> list:
    # Through the services, so the public pages showing the profile are invalidated.
    if talent is not None:
        files = [talent.headshot] if talent.headshot else []
        talent_update(talent=talent, headshot="", **TALENT_ERASED)
        # The later career is the person's own account of it, not the festival's record.
        AlumniEntry.objects.filter(talent=talent).delete()
    else:
        files = [mentor.photo] if mentor.photo else []
        mentor_update(mentor=mentor, photo="", **MENTOR_ERASED)
    Invitation.objects.filter(Q(talent=talent) if talent else Q(mentor=mentor)).delete()
    return [(f.storage, f.name) for f in files]


def erased_submissions(talent: Talent | None, user: User | None):
    """The deliverables of the person's films, whoever uploaded them, and what they uploaded."""
    whose = Q(film__director=talent) if talent else Q(pk__in=[])
    if user is not None:
        whose |= Q(submitted_by=user)
    return MilestoneSubmission.objects.filter(whose)


def _erase_confidential_files(talent: Talent | None, user: User | None) -> list:
    """Their deliverables: the files, the names they had on the uploader's computer, and the
    private links and access codes to their cuts. Rows purged before keep their file's name."""
    submissions = erased_submissions(talent, user)
    held = submissions.filter(purged_at__isnull=True)
    files = [(s.file.storage, s.file.name) for s in held if s.file]
    rows_update(held, file="", video_url="", access_code="", purged_at=timezone.now())
    rows_update(submissions.exclude(original_filename="", note=""), original_filename="", note="")
    return files


# Revisions that hold the person themselves (their profile text, their headshot).
PERSONAL_REVISIONS = (FilmRevision.Kind.PROFILE, FilmRevision.Kind.HEADSHOT)


def erased_revisions(talent: Talent | None, user: User | None):
    """The changes the person proposed, and the proposed profiles and headshots of their films."""
    whose = Q(film__director=talent, kind__in=PERSONAL_REVISIONS) if talent else Q(pk__in=[])
    if user is not None:
        whose |= Q(proposed_by=user)
    return FilmRevision.objects.filter(whose)


def _erase_revisions(talent: Talent | None, user: User | None) -> list:
    """Their uploads in revisions/ are deleted, and a revision still waiting is withdrawn: with
    its image gone and its author erased there is nothing left to approve."""
    revisions = erased_revisions(talent, user)
    files = [(r.image.storage, r.image.name) for r in revisions if r.image]
    rows_update(
        revisions.filter(status=FilmRevision.Status.PENDING),
        status=FilmRevision.Status.REJECTED,
        decided_at=timezone.now(),
    )
    rows_update(revisions.exclude(image=""), image="")
    rows_update(revisions.filter(kind__in=PERSONAL_REVISIONS), proposed={})
    return files


# What an application holds about the applicant rather than the project (title and logline stay
# with the reviews and the selection, as a film's stay with its credits).
APPLICATION_ERASED = {
    "name_original": "", "name_latin": "", "birth_year": None, "residence": "",
    "previous_film_url": "", "previous_film_password": "",
}  # fmt: skip


def erased_applications(talent: Talent | None, user: User | None):
    """The person's open-call applications: by their account, or selected into their profile."""
    whose = Q(talent=talent) if talent else Q(pk__in=[])
    if user is not None:
        whose |= Q(applicant=user)
    return Application.objects.filter(whose)


def _erase_applications(talent: Talent | None, user: User | None) -> list:
    """Their materials and file answers leave private storage, their written answers and
    personal details leave the application; as a co-applicant on somebody else's application,
    their place (the invitation to their address, their account's link) goes, the rest of that
    application is the other applicant's."""
    applications = erased_applications(talent, user)
    held = ApplicationFile.objects.filter(application__in=applications)
    files = [(f.file.storage, f.file.name) for f in held if f.file]
    held.delete()
    rows_update(Answer.objects.filter(application__in=applications), text="", chosen=[])
    rows_update(applications, **APPLICATION_ERASED)
    if user is not None:
        CoApplicant.objects.filter(Q(user=user) | Q(email__iexact=user.email)).delete()
    return files


def _erase_account(user: User) -> None:
    old_email = user.email
    OutboxMessage.objects.filter(recipient__iexact=old_email).delete()
    Invitation.objects.filter(email__iexact=old_email).delete()
    IndustryInvitation.objects.filter(email__iexact=old_email).delete()
    Meeting.objects.filter(accreditation__user=user).update(message="")
    SubmissionComment.objects.filter(author=user).update(body="—")
    user.email = f"erased-{user.pk}@erased.invalid"
    user.full_name = ERASED_NAME
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    rows_update(Talent.objects.filter(user=user), user=None)
    rows_update(Mentor.objects.filter(user=user), user=None)
    _forget_devices(user)
    SecurityEvent.objects.filter(Q(user=user) | Q(actor=user)).update(ip_address=None)
    SecurityEvent.objects.filter(email__iexact=old_email).update(email=user.email)
    SecurityEvent.objects.filter(actor_email__iexact=old_email).update(actor_email=user.email)


def _forget_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def _delete_files(files: list) -> None:
    for storage, name in files:
        storage.delete(name)
