"""Video deliverables: a file of up to its milestone's limit arriving in resumable chunks
(core.chunked_uploads; the portal speaks the tus protocol), handed to milestone_submit when
whole, then its SHA-256 and its technical check against the milestone's delivery spec, each in
a worker (films.tasks). Abandoned uploads are swept by a beat job.

Not here: the submission's own rules (films.services.submissions) and what ffprobe reads
(core.video_probe)."""

from __future__ import annotations

import datetime
from pathlib import Path, PurePath
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import chunked_uploads, video_probe
from core.enqueue import enqueue_after_commit
from core.services import validated_save
from core.storage import private_storage, stale_multipart_uploads_abort
from core.uploads import safe_display_name, server_file_name
from films.deliverables import spec_lines
from films.models import CheckStatus, DeliverableUpload, Film, MilestoneSubmission
from films.pipeline import submission_check_open
from programs.models import MilestoneDefinition

GIGABYTE = 1024**3
# Kept free on the disk beside what an upload announces, so one upload cannot fill it.
DISK_RESERVE_BYTES = GIGABYTE


def deliverable_upload_start(
    *, film: Film, milestone: MilestoneDefinition, user, filename: str, size: int
) -> DeliverableUpload:
    """An empty upload of `size` bytes, refused before any byte is sent when the milestone
    takes no video file, the file is over its limit, the milestone is not open to this film,
    or the disk has no room for it."""
    if not milestone.takes_video_file or milestone.cohort_id != film.cohort_id:
        raise ValidationError(_("This milestone does not take a video file."))
    if size <= 0:
        raise ValidationError(_("The file is empty."))
    if size > milestone.max_upload_bytes:
        limit = max(1, milestone.max_upload_bytes // GIGABYTE)
        raise ValidationError(
            _("The file is too large: the limit is %(limit)d GB.") % {"limit": limit}
        )
    submission_check_open(film=film, milestone=milestone)
    submission_check_unlocked(film=film, milestone=milestone)
    if chunked_uploads.free_bytes() < size + DISK_RESERVE_BYTES:
        raise ValidationError(_("The server has no room for this file now; tell the office."))
    with transaction.atomic():
        upload = validated_save(
            DeliverableUpload(film=film, milestone=milestone, created_by=user, size=size, offset=0),
            filename=safe_display_name(filename),
        )
        chunked_uploads.incoming_create(str(upload.token))
    return upload


def submission_check_unlocked(*, film: Film, milestone: MilestoneDefinition) -> None:
    """Refuse a new version of an approved (locked) milestone."""
    latest = MilestoneSubmission.objects.filter(film=film, milestone=milestone).order_by("-version")
    if latest.values_list("status", flat=True).first() == MilestoneSubmission.Status.APPROVED:
        raise ValidationError(_("This milestone is approved and locked; a reviewer can reopen it."))


class OffsetMismatch(Exception):
    """The chunk does not start where the upload stands (the uploader asks for the offset)."""


def deliverable_upload_append(
    *, upload: DeliverableUpload, offset: int, body: BinaryIO, length: int
) -> int:
    """Append one chunk at `offset`, which must be the confirmed offset; return the new one.
    The file is locked while the chunk streams in and the offset is confirmed inside the lock,
    so two requests for one upload cannot interleave (the second gets ChunkBusy)."""
    if length > settings.DELIVERABLE_CHUNK_MAX_BYTES:
        raise ValidationError(_("This piece of the file is larger than the server accepts."))
    path = chunked_uploads.incoming_path(str(upload.token))
    with chunked_uploads.chunk_lock(path) as handle:
        upload.refresh_from_db(fields=["offset", "size"])
        if offset != upload.offset:
            raise OffsetMismatch
        if offset + length > upload.size:
            raise ValidationError(_("This piece goes past the end of the announced file."))
        written = chunked_uploads.chunk_write(handle, offset=offset, body=body, length=length)
        upload.offset = offset + written
        # A plain UPDATE (updated_at too: the sweep goes by it) while the file is locked.
        DeliverableUpload.objects.filter(pk=upload.pk).update(
            offset=upload.offset, updated_at=timezone.now()
        )
    return upload.offset


def deliverable_upload_cancel(*, upload: DeliverableUpload) -> None:
    token = str(upload.token)
    upload.delete()
    transaction.on_commit(lambda: chunked_uploads.incoming_remove(token))


def deliverable_upload_store(*, upload: DeliverableUpload) -> tuple[str, str]:
    """For milestone_submit: check the whole upload is a video file and move it into the
    private storage; return (stored name, display name). The header is read here, in the web
    request, so a file that is not a video is refused at once with a message; the thorough
    check (every packet, the delivery spec) runs in a worker afterwards."""
    if not upload.is_complete:
        raise ValidationError(_("The file has not finished uploading."))
    path = chunked_uploads.incoming_path(str(upload.token))
    try:
        video_probe.video_facts(path)
    except video_probe.NotAVideo as refused:
        raise ValidationError(_not_a_video_message(refused.reason)) from None
    extension = PurePath(upload.filename).suffix.lower()
    if not extension[1:].isalnum() or len(extension) > 6:
        extension = ".video"
    name = server_file_name(extension, prefix="deliverables")
    return chunked_uploads.incoming_store(str(upload.token), name), upload.filename


def _not_a_video_message(reason: str) -> str:
    if reason == "no_video":
        return _("This file has no video in it (sound only, or something else): upload the film.")
    return _("This is not a video file we can read, or it is incomplete: upload it again.")


def submission_enqueue_checks(*, submission: MilestoneSubmission) -> None:
    from films.tasks import submission_checksum, submission_inspect

    enqueue_after_commit(submission_checksum, submission_id=submission.pk)
    enqueue_after_commit(submission_inspect, submission_id=submission.pk)


def submission_checksum(*, submission_id: int) -> str:
    """The whole file's SHA-256, read back from the storage a block at a time. Idempotent: a
    submission with its checksum is left alone."""
    submission = MilestoneSubmission.objects.filter(pk=submission_id).first()
    if submission is None or not submission.file or submission.sha256:
        return submission.sha256 if submission else ""
    with submission.file.open("rb") as handle:
        digest = chunked_uploads.file_sha256(handle)
    MilestoneSubmission.objects.filter(pk=submission.pk).update(sha256=digest)
    return digest


def submission_inspect(*, submission_id: int) -> str:
    """The technical check: ffprobe reads the file (header and every packet) and each line of
    the milestone's delivery spec passes or fails. Idempotent: only a "pending" check runs, and
    running it twice writes the same report."""
    submission = (
        MilestoneSubmission.objects.select_related("milestone")
        .filter(pk=submission_id, check_status=CheckStatus.PENDING)
        .exclude(file="")
        .first()
    )
    if submission is None:
        return ""
    status, report = _inspected(submission)
    MilestoneSubmission.objects.filter(pk=submission.pk).update(
        check_status=status, check_report=report
    )
    return status


def _probe_source(field_file) -> Path | str:
    """The file on disk, or a short-lived signed URL of the private bucket, which ffprobe
    reads over HTTP (only after the submission exists: it is ours to check)."""
    try:
        return Path(field_file.path)
    except NotImplementedError:
        return field_file.storage.url(field_file.name)


def _inspected(submission: MilestoneSubmission) -> tuple[str, dict]:
    source = _probe_source(submission.file)
    try:
        facts = video_probe.video_facts(source)
    except video_probe.NotAVideo as refused:
        return CheckStatus.DAMAGED, {"facts": {}, "lines": [], "reason": refused.reason}
    whole = video_probe.file_is_whole(source, submission.file.size)
    lines = spec_lines(submission.milestone, facts, whole=whole)
    passed = all(line["passed"] for line in lines)
    whole = lines[-1]["passed"]
    status = CheckStatus.PASSED if passed else CheckStatus.FAILED if whole else CheckStatus.DAMAGED
    return status, {"facts": facts.as_dict(), "lines": lines}


def deliverable_uploads_sweep(*, now: datetime.datetime | None = None) -> int:
    """Delete uploads nobody added to for DELIVERABLE_UPLOAD_STALE_HOURS, and their chunks;
    chunk files no upload row owns (a crash between the two); and, with object storage, the
    private bucket's multipart uploads left unfinished that long. Returns how many went."""
    now = now or timezone.now()
    stale_before = now - datetime.timedelta(hours=settings.DELIVERABLE_UPLOAD_STALE_HOURS)
    # Orphans first: a stale upload's file goes only once its row's deletion commits.
    orphans = _orphan_chunks_remove(stale_before)
    stale = list(DeliverableUpload.objects.filter(updated_at__lt=stale_before))
    for upload in stale:
        deliverable_upload_cancel(upload=upload)
    parts = stale_multipart_uploads_abort(private_storage(), started_before=stale_before)
    return len(stale) + orphans + parts


def _orphan_chunks_remove(stale_before: datetime.datetime) -> int:
    root = chunked_uploads.incoming_root()
    if not root.exists():
        return 0
    known = {str(token) for token in DeliverableUpload.objects.values_list("token", flat=True)}
    removed = 0
    for path in root.glob("*.part"):
        modified = datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)
        if path.stem not in known and modified < stale_before:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
