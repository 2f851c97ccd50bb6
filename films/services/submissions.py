"""Milestone submissions, reviews and their comment threads (the portal), and the emails
they send."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import validated_save
from core.site import site_url
from core.uploads import (
    clean_deliverable_upload,
    removed_if_failed,
    safe_display_name,
)
from films.models import (
    CheckStatus,
    DeliverableUpload,
    Film,
    MilestoneSubmission,
    SubmissionComment,
)
from films.pipeline import submission_check_open, submission_decided
from films.services.deliverables import (
    deliverable_upload_store,
    submission_check_unlocked,
    submission_enqueue_checks,
)
from mentors.models import Mentor
from mentors.selectors import reviewing_panel_seats
from outbox.services import message_enqueue
from programs.models import MilestoneDefinition
from webhooks.models import Event
from webhooks.services import webhook_event_emit


def milestone_submit(
    *,
    film: Film,
    milestone: MilestoneDefinition,
    submitted_by,
    upload: UploadedFile | None = None,
    video_url: str = "",
    access_code: str = "",
    note: str = "",
    delivered: DeliverableUpload | None = None,
) -> MilestoneSubmission:
    """A new version of the film's deliverable for this milestone; its producer and panel are
    emailed. A file is checked and stored first, and removed again if the row is not saved.
    A video file comes `delivered` by the resumable uploader (films.services.deliverables); its
    checksum and technical check follow in workers."""
    submission_check_open(film=film, milestone=milestone)
    submission = MilestoneSubmission(
        film=film,
        milestone=milestone,
        video_url=video_url,
        access_code=access_code,
        note=note,
        submitted_by=submitted_by,
    )
    if upload is not None and milestone.takes_file:
        content, name = clean_deliverable_upload(upload, milestone.deliverable_kind)
        submission.original_filename = safe_display_name(upload.name or "")
        submission.file.save(name, content, save=False)
    if milestone.takes_video_file:
        _take_delivered(submission, delivered, submitted_by)
    with removed_if_failed(submission.file), transaction.atomic():
        _save_next_version(submission)
        if delivered is not None and milestone.takes_video_file:
            DeliverableUpload.objects.filter(pk=delivered.pk).delete()
            submission_enqueue_checks(submission=submission)
        for reviewer in _reviewer_users(film):
            _notify(
                reviewer,
                "submission_received",
                submission,
                cause="submission",
                digest=_wants_digest(reviewer),
            )
    return submission


def _take_delivered(submission: MilestoneSubmission, delivered, submitted_by) -> None:
    """The finished upload becomes the submission's file (still pending its checks)."""
    ours = (
        delivered is not None
        and delivered.film_id == submission.film_id
        and delivered.milestone_id == submission.milestone_id
        and delivered.created_by_id == submitted_by.pk
    )
    if not ours:
        raise ValidationError(_("Choose the file and wait until it is uploaded."))
    # Refused while the row is not saved yet (approved, or the upload was already used): the
    # upload stays where it is, so the director need not send it again.
    submission_check_unlocked(film=submission.film, milestone=submission.milestone)
    name, display_name = deliverable_upload_store(upload=delivered)
    submission.file.name = name
    submission.original_filename = display_name
    submission.part_bytes = delivered.part_bytes
    submission.part_checksums = delivered.part_checksums
    submission.check_status = CheckStatus.PENDING


def _save_next_version(submission: MilestoneSubmission) -> None:
    # Locking the film row serialises two submissions of the same film, so both cannot read
    # the same highest version and collide on the unique constraint.
    Film.objects.select_for_update().filter(pk=submission.film_id).first()
    submission_check_open(film=submission.film, milestone=submission.milestone)
    latest = (
        MilestoneSubmission.objects.filter(film=submission.film, milestone=submission.milestone)
        .order_by("-version")
        .first()
    )
    if latest and latest.status == MilestoneSubmission.Status.APPROVED:
        raise ValidationError(_("This milestone is approved and locked; a reviewer can reopen it."))
    validated_save(
        submission, version=(latest.version + 1) if latest else 1, submitted_at=timezone.now()
    )


def submission_review(
    *, submission: MilestoneSubmission, reviewer, decision: str, feedback: str = ""
) -> MilestoneSubmission:
    """Approve, or request changes with written feedback; the director is emailed."""
    if decision not in (
        MilestoneSubmission.Status.APPROVED,
        MilestoneSubmission.Status.CHANGES_REQUESTED,
    ):
        raise ValidationError(_("Choose approve or request changes."))
    if decision == MilestoneSubmission.Status.CHANGES_REQUESTED and not feedback.strip():
        raise ValidationError({"feedback": _("Say what should change.")})
    with transaction.atomic():
        current = _lock_latest(submission, MilestoneSubmission.Status.SUBMITTED)
        validated_save(
            current,
            status=decision,
            feedback=feedback.strip(),
            reviewed_by=reviewer,
            reviewed_at=timezone.now(),
        )
        submission_decided(submission=current)
        _notify_director(current, "submission_reviewed")
        webhook_event_emit(
            event=Event.SUBMISSION_REVIEWED,
            data={
                "submission": {
                    "id": current.pk,
                    "film": current.film_id,
                    "milestone": current.milestone_id,
                    "version": current.version,
                    "status": current.status,
                }
            },
        )
    return current


def submission_reopen(
    *, submission: MilestoneSubmission, reviewer, reason: str
) -> MilestoneSubmission:
    """Unlock an approved milestone so the director can submit again."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the milestone is reopened.")})
    with transaction.atomic():
        current = _lock_latest(submission, MilestoneSubmission.Status.APPROVED)
        validated_save(
            current,
            status=MilestoneSubmission.Status.CHANGES_REQUESTED,
            feedback=reason.strip(),
            reviewed_by=reviewer,
            reviewed_at=timezone.now(),
        )
        submission_decided(submission=current)
        _notify_director(current, "submission_reopened")
    return current


def _lock_latest(submission: MilestoneSubmission, expected_status: str) -> MilestoneSubmission:
    """The submission, locked, if it is still its milestone's latest version in the expected
    status: two reviewers deciding at once cannot both win."""
    locked = MilestoneSubmission.objects.select_for_update().get(pk=submission.pk)
    newer = MilestoneSubmission.objects.filter(
        film_id=locked.film_id, milestone_id=locked.milestone_id, version__gt=locked.version
    )
    if locked.status != expected_status or newer.exists():
        raise ValidationError(_("This version was already decided or replaced by a newer one."))
    return locked


def submission_comment_add(
    *, submission: MilestoneSubmission, author, body: str
) -> SubmissionComment:
    """A comment in the thread; the other side (director, or producer and panel) is emailed."""
    with transaction.atomic():
        comment = validated_save(
            SubmissionComment(submission=submission, author=author), body=body.strip()
        )
        film = submission.film
        if film.director.user_id == author.pk:
            recipients = _reviewer_users(film)
        else:
            director = film.director.user
            recipients = [director] if director is not None and director.is_active else []
        for recipient in recipients:
            _notify(
                recipient,
                "submission_comment",
                submission,
                cause="comment",
                digest=_wants_digest(recipient),
                comment=comment,
            )
    return comment


@dataclass(frozen=True)
class SubmissionRecipients:
    """Who hears of a director's submission: the producer and the panel seats whose role
    reviews in the film's cohort, with an active account; each person once."""

    users: list
    producer: bool
    panel: bool


def submission_recipients(film: Film) -> SubmissionRecipients:
    seats = reviewing_panel_seats(cohort_id=film.cohort_id).values("mentor_id")
    mentors = Mentor.objects.filter(
        Q(produced_films=film) | Q(pk__in=seats), user__isnull=False, user__is_active=True
    ).select_related("user")
    users = {mentor.user.pk: mentor.user for mentor in mentors}
    producer = film.producer_id is not None and any(m.pk == film.producer_id for m in mentors)
    panel = any(m.pk != film.producer_id for m in mentors)
    return SubmissionRecipients(users=list(users.values()), producer=producer, panel=panel)


def _reviewer_users(film: Film) -> list:
    return submission_recipients(film).users


def _wants_digest(user) -> bool:
    """A mentor who chose one email a day hears of submissions and comments in the digest.
    (Reviewers come from submission_recipients with their mentor row already loaded.)"""
    mentor = getattr(user, "mentor_profile", None)
    return mentor is not None and mentor.review_emails == Mentor.ReviewEmails.DAILY


def _notify_director(submission: MilestoneSubmission, template: str) -> None:
    director = submission.film.director.user
    if director is not None and director.is_active:
        _notify(director, template, submission, cause="submission")


def _notify(
    user,
    template: str,
    submission: MilestoneSubmission,
    *,
    cause: str,
    digest: bool = False,
    **extra,
) -> None:
    path = reverse(
        "portal:milestone",
        kwargs={"film_id": submission.film_id, "milestone_id": submission.milestone_id},
    )
    context = {
        "recipient": user,
        "submission": submission,
        "film": submission.film,
        "milestone": submission.milestone,
        "link": f"{site_url()}{path}",
        **extra,
    }
    target = extra["comment"].pk if "comment" in extra else submission.pk
    message_enqueue(
        recipient=user.email,
        language=user.preferred_language,
        template=template,
        context=context,
        cause=f"{cause}:{target}",
        digest=digest,
    )


# --- Public information changed by the director: at once before publication, by revision after
