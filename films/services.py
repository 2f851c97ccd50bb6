"""Writes of the films app: films, credits, stills, posters and their thumbnails, and
milestone submissions."""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import SecurityEvent
from accounts.services import security_event_record
from core.images import ImageUnreadable, make_thumbnails
from core.public_cache import public_content_changed
from core.services import validated_save
from core.uploads import (
    clean_deliverable_upload,
    clean_image_upload,
    removed_if_failed,
    safe_display_name,
)
from films.models import Credit, Film, FilmRevision, MilestoneSubmission, Still, SubmissionComment
from films.pipeline import submission_check_open, submission_decided
from films.publishing import publishing_blockers
from mentors.models import Mentor
from outbox.services import message_enqueue
from programs.models import Cohort, MilestoneDefinition
from talents.models import Talent
from talents.services import talent_set_headshot, talent_update

logger = logging.getLogger(__name__)


@transaction.atomic
def film_create(
    *, cohort: Cohort, director: Talent, slug: str, producer: Mentor | None = None, **fields
) -> Film:
    film = Film(cohort=cohort, director=director, slug=slug, producer=producer)
    return validated_save(film, **fields)


@transaction.atomic
def film_update(*, film: Film, **fields) -> Film:
    return validated_save(film, **fields)


@transaction.atomic
def credit_add(*, film: Film, role: str, order: int = 0, **fields) -> Credit:
    return validated_save(Credit(film=film, role=role, order=order), **fields)


def still_add(
    *, film: Film, upload: UploadedFile, alt_zh: str = "", alt_en: str = "", order: int = 0
) -> Still:
    still = Still(film=film, alt_zh=alt_zh, alt_en=alt_en, order=order)
    cleaned = clean_image_upload(upload)
    still.image.save(cleaned.name, cleaned, save=False)
    with removed_if_failed(still.image), transaction.atomic():
        return validated_save(still)


def film_set_poster(
    *, film: Film, upload: UploadedFile, alt_zh: str = "", alt_en: str = ""
) -> Film:
    """Store a new poster (checked and re-encoded) and have its thumbnails made after commit."""
    cleaned = clean_image_upload(upload)
    replaced = [film.poster.name, *(t["name"] for t in film.poster_thumbnails)]
    film.poster.save(cleaned.name, cleaned, save=False)
    with removed_if_failed(film.poster), transaction.atomic():
        _poster_saved(film, alt_zh=alt_zh, alt_en=alt_en, replaced=replaced)
    return film


def _poster_saved(film: Film, *, alt_zh: str, alt_en: str, replaced: list[str]) -> None:
    validated_save(
        film,
        poster_alt_zh=alt_zh or film.poster_alt_zh,
        poster_alt_en=alt_en or film.poster_alt_en,
        poster_status=Film.PosterStatus.PROCESSING,
        poster_error="",
        poster_attempts=0,
        poster_thumbnails=[],
    )
    storage = film.poster.storage
    transaction.on_commit(lambda: _delete_files(storage, replaced))
    poster_enqueue_thumbnails(film_id=film.pk)


def poster_enqueue_thumbnails(*, film_id: int) -> None:
    from films.tasks import make_poster_thumbnails

    # robust: a broker that is down must not turn a saved poster into an error page; the poster
    # stays "processing" and can be enqueued again.
    transaction.on_commit(lambda: make_poster_thumbnails.delay(film_id=film_id), robust=True)


def poster_make_thumbnails(*, film_id: int) -> None:
    """Make the poster's thumbnails. Idempotent: only a poster still "processing" is worked on,
    and each try is counted first, so a poster that kills its worker is not retried forever."""
    limit = settings.POSTER_MAX_ATTEMPTS
    processing = Film.objects.filter(pk=film_id, poster_status=Film.PosterStatus.PROCESSING)
    claimed = processing.filter(poster_attempts__lt=limit).update(
        poster_attempts=F("poster_attempts") + 1
    )
    if not claimed:
        processing.update(
            poster_status=Film.PosterStatus.FAILED,
            poster_error=f"Thumbnailing stopped after {limit} failed attempts.",
        )
        return
    film = Film.objects.get(pk=film_id)
    try:
        (width, height), thumbnails = make_thumbnails(
            film.poster.storage, film.poster.name, settings.POSTER_THUMBNAIL_WIDTHS
        )
    except ImageUnreadable as error:
        logger.warning("poster of film %s unreadable: %s", film_id, error)
        processing.update(poster_status=Film.PosterStatus.FAILED, poster_error=str(error)[:300])
        return
    # Only if the poster was not replaced meanwhile: a newer upload has its own task.
    processing.filter(poster=film.poster.name).update(
        poster_status=Film.PosterStatus.READY,
        poster_error="",
        poster_width=width,
        poster_height=height,
        poster_thumbnails=[t.as_dict() for t in thumbnails],
    )
    public_content_changed()  # pages that showed "processing" now show the poster


@transaction.atomic
def film_publish(*, film: Film) -> Film:
    """Put the film on the public site; refused while anything in films.publishing is missing."""
    blockers = publishing_blockers(film)
    if blockers:
        raise ValidationError(blockers)
    return validated_save(film, is_published=True, published_at=film.published_at or timezone.now())


@transaction.atomic
def film_unpublish(*, film: Film) -> Film:
    return validated_save(film, is_published=False)


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)


@transaction.atomic
def poster_retry_thumbnails(*, film: Film) -> None:
    """Staff ask for the thumbnails again (after a fix, or a failure): attempts start over."""
    Film.objects.filter(pk=film.pk).update(
        poster_status=Film.PosterStatus.PROCESSING, poster_attempts=0, poster_error=""
    )
    poster_enqueue_thumbnails(film_id=film.pk)


# --- Milestone submissions, reviews and their comment threads (the portal) -------------------


def milestone_submit(
    *,
    film: Film,
    milestone: MilestoneDefinition,
    submitted_by,
    upload: UploadedFile | None = None,
    video_url: str = "",
    access_code: str = "",
    note: str = "",
) -> MilestoneSubmission:
    """A new version of the film's deliverable for this milestone; its producer and panel are
    emailed. A file is checked and stored first, and removed again if the row is not saved."""
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
    with removed_if_failed(submission.file), transaction.atomic():
        _save_next_version(submission)
        for reviewer in _reviewer_users(film):
            _notify(reviewer, "submission_received", submission, cause="submission")
    return submission


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
            recipients = [film.director.user] if film.director.user_id else []
        for recipient in recipients:
            _notify(recipient, "submission_comment", submission, cause="comment", comment=comment)
    return comment


def _reviewer_users(film: Film) -> list:
    """The accounts of the film's producer and of its cohort's panel, each once."""
    mentors = Mentor.objects.filter(
        Q(produced_films=film) | Q(panel_seats__cohort_id=film.cohort_id), user__isnull=False
    ).select_related("user")
    users = {mentor.user.pk: mentor.user for mentor in mentors if mentor.user.is_active}
    return list(users.values())


def _notify_director(submission: MilestoneSubmission, template: str) -> None:
    director = submission.film.director.user
    if director is not None and director.is_active:
        _notify(director, template, submission, cause="submission")


def _notify(user, template: str, submission: MilestoneSubmission, *, cause: str, **extra) -> None:
    path = reverse(
        "portal:milestone",
        kwargs={"film_id": submission.film_id, "milestone_id": submission.milestone_id},
    )
    context = {
        "recipient": user,
        "submission": submission,
        "film": submission.film,
        "milestone": submission.milestone,
        "link": f"{settings.SITE_URL}{path}",
        **extra,
    }
    target = extra["comment"].pk if "comment" in extra else submission.pk
    message_enqueue(
        recipient=user.email,
        language=user.preferred_language,
        template=template,
        context=context,
        cause=f"{cause}:{target}",
    )


# --- Public information changed by the director: at once before publication, by revision after


FILM_PUBLIC_FIELDS = (
    "title_zh",
    "title_en",
    "logline_zh",
    "logline_en",
    "synopsis_zh",
    "synopsis_en",
    "genre",
    "runtime_minutes",
    "language_zh",
    "language_en",
    "trailer_url",
)
PROFILE_PUBLIC_FIELDS = (
    "bio_zh",
    "bio_en",
    "hometown_zh",
    "hometown_en",
    "background_zh",
    "background_en",
    "birth_year",
    "links",
)
# Consent flags apply at once even after publication: withdrawing consent to publish a
# personal field must never wait for anyone's approval.
PROFILE_CONSENT_FIELDS = (
    "publish_birth_year",
    "publish_hometown",
    "publish_headshot",
    "publish_links",
    "publish_background",
)


def film_change_public_info(*, film: Film, proposed_by, **fields) -> FilmRevision | None:
    """Returns the pending revision when the film is published, else None (applied)."""
    changed = _changed(film, fields)
    if not film.is_published:
        film_update(film=film, **changed)
        return None
    return _revision_propose(film, FilmRevision.Kind.FILM, proposed_by, changed)


def film_change_credits(*, film: Film, proposed_by, credits: list[dict]) -> FilmRevision | None:
    """`credits`: the whole new list, [{"id": 3 or None, "role", "name_original", "name_latin",
    "order"}, …]; credits not in it are removed."""
    if not film.is_published:
        credits_replace(film=film, credits=credits)
        return None
    return _revision_propose(film, FilmRevision.Kind.CREDITS, proposed_by, {"credits": credits})


@transaction.atomic
def credits_replace(*, film: Film, credits: list[dict]) -> None:
    kept = {item["id"] for item in credits if item.get("id")}
    film.credits.exclude(pk__in=kept).delete()
    existing = {credit.pk: credit for credit in film.credits.all()}
    for item in credits:
        fields = {key: value for key, value in item.items() if key != "id"}
        credit = existing.get(item.get("id")) or Credit(film=film)
        validated_save(credit, **fields)


def film_change_poster(
    *, film: Film, proposed_by, upload: UploadedFile, alt_zh: str = "", alt_en: str = ""
) -> FilmRevision | None:
    if not film.is_published:
        film_set_poster(film=film, upload=upload, alt_zh=alt_zh, alt_en=alt_en)
        return None
    return _image_revision(film, FilmRevision.Kind.POSTER, proposed_by, upload, alt_zh, alt_en)


def film_add_still(
    *, film: Film, proposed_by, upload: UploadedFile, alt_zh: str = "", alt_en: str = ""
) -> FilmRevision | None:
    if not film.is_published:
        still_add(film=film, upload=upload, alt_zh=alt_zh, alt_en=alt_en)
        return None
    return _image_revision(film, FilmRevision.Kind.STILL, proposed_by, upload, alt_zh, alt_en)


def director_change_profile(*, talent: Talent, proposed_by, **fields) -> FilmRevision | None:
    consent = {name: fields.pop(name) for name in PROFILE_CONSENT_FIELDS if name in fields}
    changed = _changed(talent, fields)
    published_film = talent.films.filter(is_published=True).order_by("pk").first()
    if published_film is None:
        talent_update(talent=talent, **consent, **changed)
        return None
    if consent:
        talent_update(talent=talent, **consent)
    return _revision_propose(published_film, FilmRevision.Kind.PROFILE, proposed_by, changed)


def director_change_headshot(
    *, talent: Talent, proposed_by, upload: UploadedFile, alt_zh: str = "", alt_en: str = ""
) -> FilmRevision | None:
    published_film = talent.films.filter(is_published=True).order_by("pk").first()
    if published_film is None:
        image = clean_image_upload(upload)
        talent_set_headshot(talent=talent, image=image, alt_zh=alt_zh, alt_en=alt_en)
        return None
    kind = FilmRevision.Kind.HEADSHOT
    return _image_revision(published_film, kind, proposed_by, upload, alt_zh, alt_en)


def _changed(instance, fields: dict) -> dict:
    return {name: value for name, value in fields.items() if getattr(instance, name) != value}


def _revision_propose(film: Film, kind: str, proposed_by, proposed: dict) -> FilmRevision | None:
    if not proposed:
        return None
    with transaction.atomic():
        revision = FilmRevision(film=film, kind=kind, proposed=proposed, proposed_by=proposed_by)
        return validated_save(revision)


def _image_revision(
    film: Film, kind: str, proposed_by, upload: UploadedFile, alt_zh: str, alt_en: str
) -> FilmRevision:
    cleaned = clean_image_upload(upload)
    revision = FilmRevision(
        film=film,
        kind=kind,
        proposed={"alt_zh": alt_zh, "alt_en": alt_en},
        proposed_by=proposed_by,
    )
    revision.image.save(cleaned.name, cleaned, save=False)
    with removed_if_failed(revision.image), transaction.atomic():
        return validated_save(revision)


def revision_approve(*, revision: FilmRevision, decided_by) -> FilmRevision:
    """Apply a pending revision to the public record."""
    with transaction.atomic():
        revision = FilmRevision.objects.select_for_update().get(pk=revision.pk)
        if revision.status != FilmRevision.Status.PENDING:
            raise ValidationError(_("This revision was already decided."))
        _revision_apply(revision)
        return validated_save(
            revision,
            status=FilmRevision.Status.APPROVED,
            decided_by=decided_by,
            decided_at=timezone.now(),
        )


def _revision_apply(revision: FilmRevision) -> None:
    film, proposed, kind = revision.film, revision.proposed, revision.kind
    alts = {"alt_zh": proposed.get("alt_zh", ""), "alt_en": proposed.get("alt_en", "")}
    if kind == FilmRevision.Kind.FILM:
        film_update(film=film, **proposed)
    elif kind == FilmRevision.Kind.CREDITS:
        credits_replace(film=film, credits=proposed["credits"])
    elif kind == FilmRevision.Kind.PROFILE:
        talent_update(talent=film.director, **proposed)
    else:
        image = _revision_image_copy(revision)
        if kind == FilmRevision.Kind.POSTER:
            film_set_poster(film=film, upload=image, **alts)
        elif kind == FilmRevision.Kind.STILL:
            still_add(film=film, upload=image, **alts)
        else:
            talent_set_headshot(talent=film.director, image=image, **alts)


def _revision_image_copy(revision: FilmRevision):
    with revision.image.open("rb") as handle:
        return SimpleUploadedFile(revision.image.name.rsplit("/", 1)[-1], handle.read())


@transaction.atomic
def revision_reject(*, revision: FilmRevision, decided_by, note: str = "") -> FilmRevision:
    revision = FilmRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != FilmRevision.Status.PENDING:
        raise ValidationError(_("This revision was already decided."))
    return validated_save(
        revision,
        status=FilmRevision.Status.REJECTED,
        decided_by=decided_by,
        decided_at=timezone.now(),
        staff_note=note,
    )


def deliverables_purge(*, today: datetime.date | None = None) -> int:
    """Delete the confidential files of cohorts that ended (training and premiere) more than
    DELIVERABLE_RETENTION_DAYS ago. The submissions stay (milestone, version, status, dates,
    feedback) and nothing public changes; only the scripts and cuts go. Safe to run twice: a
    purged submission has no file left. Returns how many files were deleted."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.DELIVERABLE_RETENTION_DAYS)
    ended = Cohort.objects.filter(training_end__lt=cutoff).exclude(premiere_date__gte=cutoff)
    purged = 0
    for cohort in ended.filter(films__submissions__file__gt="").distinct():
        purged += _cohort_deliverables_purge(cohort)
    return purged


@transaction.atomic
def _cohort_deliverables_purge(cohort: Cohort) -> int:
    submissions = MilestoneSubmission.objects.filter(film__cohort=cohort).exclude(file="")
    files = [(s.file.storage, s.file.name) for s in submissions.select_for_update()]
    submissions.update(file="", purged_at=timezone.now())
    security_event_record(
        kind=SecurityEvent.Kind.DELIVERABLES_PURGED,
        email=f"cohort:{cohort.slug}",
        details={"cohort": cohort.slug, "files_deleted": len(files)},
    )
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    return len(files)
