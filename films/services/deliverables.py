"""Video deliverables: a file of up to its milestone's limit arriving in resumable chunks
(core.chunked_uploads; the portal speaks the tus protocol), handed to milestone_submit when
whole, then its SHA-256 and its technical check against the milestone's delivery spec, each in
a worker (films.tasks). Abandoned uploads are swept by a beat job.

Not here: the submission's own rules (films.services.submissions) and what ffprobe reads
(core.video_probe)."""

from __future__ import annotations

import base64
import binascii
import datetime
from contextlib import closing
from pathlib import Path, PurePath
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import chunked_uploads, multipart_uploads, video_probe
from core.enqueue import enqueue_after_commit
from core.public_cache import working_data_changed
from core.services import validated_save
from core.storage import private_storage, stale_multipart_uploads_abort
from core.uploads import safe_display_name, server_file_name
from films.deliverables import asks_loudness, spec_lines
from films.models import CheckStatus, DeliverableUpload, Film, MilestoneSubmission
from films.pipeline import submission_check_open
from programs.models import MilestoneDefinition

GIGABYTE = 1024**3
# Kept free on the disk beside what an upload announces, so one upload cannot fill it.
DISK_RESERVE_BYTES = GIGABYTE


def deliverable_upload_start(
    *,
    film: Film,
    milestone: MilestoneDefinition,
    user,
    filename: str,
    size: int,
    direct: bool = False,
) -> DeliverableUpload:
    """An empty upload of `size` bytes, refused before any byte is sent when the milestone
    takes no video file, the file is over its limit, the milestone is not open to this film,
    or the disk has no room for it. `direct`: a multipart upload of the private bucket, which
    the browser fills itself (deliverable_part_urls; object storage only); otherwise chunks
    that come to us (on object storage too, for a client that speaks only tus)."""
    _upload_check(film=film, milestone=milestone, size=size)
    if direct:
        if multipart_uploads.bucket_of(private_storage()) is None:
            raise ValidationError(_("This server takes the file in chunks, not in parts."))
        return _multipart_start(
            film=film, milestone=milestone, user=user, filename=filename, size=size
        )
    if chunked_uploads.free_bytes() < size + DISK_RESERVE_BYTES:
        raise ValidationError(_("The server has no room for this file now; tell the office."))
    with transaction.atomic():
        upload = validated_save(
            DeliverableUpload(film=film, milestone=milestone, created_by=user, size=size, offset=0),
            filename=safe_display_name(filename),
        )
        chunked_uploads.incoming_create(str(upload.token))
    return upload


def direct_upload_available() -> bool:
    """Whether browsers send video files straight to the bucket (the private storage is
    object storage) rather than in chunks to us."""
    return multipart_uploads.bucket_of(private_storage()) is not None


def _upload_check(*, film: Film, milestone: MilestoneDefinition, size: int) -> None:
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


def _video_extension(filename: str) -> str:
    extension = PurePath(filename).suffix.lower()
    return extension if extension[1:].isalnum() and len(extension) <= 6 else ".video"


def _multipart_start(
    *, film: Film, milestone: MilestoneDefinition, user, filename: str, size: int
) -> DeliverableUpload:
    storage = private_storage()
    display_name = safe_display_name(filename)
    key = server_file_name(_video_extension(display_name), prefix="deliverables")
    upload_id = multipart_uploads.multipart_start(
        storage, key=key, content_type="application/octet-stream"
    )
    try:
        return validated_save(
            DeliverableUpload(film=film, milestone=milestone, created_by=user, size=size),
            filename=display_name,
            object_key=key,
            multipart_id=upload_id,
            part_bytes=multipart_uploads.part_bytes_for(size),
        )
    except Exception:
        multipart_uploads.multipart_abort(storage, key=key, upload_id=upload_id)
        raise


# What a browser may ask to have signed at once (it asks again for the next parts).
SIGN_BATCH = 50
SHA256_BASE64_LENGTH = 44


def deliverable_part_urls(*, upload: DeliverableUpload, checksums: dict[int, str]) -> dict:
    """Presigned URLs for the parts numbered in `checksums` (part number → the SHA-256 the
    browser computed, base64), each signed with its checksum; the checksums are kept, so the
    completion and the worker can hold every part to them."""
    count = multipart_uploads.part_count(upload.size, upload.part_bytes)
    if not upload.is_multipart or upload.is_complete:
        raise ValidationError(_("This upload takes no more parts."))
    if not checksums or len(checksums) > SIGN_BATCH:
        raise ValidationError(_("The uploader asked for too many pieces at once."))
    for number, checksum in checksums.items():
        if not 1 <= number <= count or not _is_sha256_base64(checksum):
            raise ValidationError(_("The uploader described a piece of the file wrongly."))
    with transaction.atomic():
        # Locked: the uploader signs several batches in parallel; none may lose another's.
        locked = DeliverableUpload.objects.select_for_update().get(pk=upload.pk)
        declared = {**locked.part_checksums, **{str(n): c for n, c in checksums.items()}}
        DeliverableUpload.objects.filter(pk=upload.pk).update(
            part_checksums=declared, updated_at=timezone.now()
        )
    storage = private_storage()
    return {
        number: multipart_uploads.part_url(
            storage,
            key=upload.object_key,
            upload_id=upload.multipart_id,
            number=number,
            sha256_base64=checksum,
        )
        for number, checksum in checksums.items()
    }


def _is_sha256_base64(value) -> bool:
    try:
        return (
            isinstance(value, str)
            and len(value) == SHA256_BASE64_LENGTH
            and len(base64.b64decode(value, validate=True)) == 32
        )
    except (binascii.Error, ValueError):
        return False


def deliverable_parts(*, upload: DeliverableUpload) -> list[multipart_uploads.StoredPart]:
    """The parts the bucket holds, which the uploader skips when it resumes; the row's
    offset follows, so the page can say how far an unfinished upload got."""
    if upload.is_complete:
        return []
    parts = multipart_uploads.stored_parts(
        private_storage(), key=upload.object_key, upload_id=upload.multipart_id
    )
    received = min(sum(part.size for part in parts), upload.size)
    DeliverableUpload.objects.filter(pk=upload.pk).update(offset=received)
    working_data_changed()
    upload.offset = received
    return parts


def deliverable_upload_finish(*, upload: DeliverableUpload) -> DeliverableUpload:
    """Join the parts into the object once the bucket holds every one, each of its declared
    size and with the checksum the browser declared; refused with a message otherwise (the
    uploader sends what is missing). Finishing twice is fine."""
    if upload.is_complete:
        return upload
    parts = deliverable_parts(upload=upload)
    count = multipart_uploads.part_count(upload.size, upload.part_bytes)
    if [part.number for part in parts] != list(range(1, count + 1)):
        raise ValidationError(_("Some pieces of the file have not arrived yet."))
    last = upload.size - (count - 1) * upload.part_bytes
    sizes = [upload.part_bytes] * (count - 1) + [last]
    declared = {int(number): checksum for number, checksum in upload.part_checksums.items()}
    if [part.size for part in parts] != sizes or set(declared) != set(range(1, count + 1)):
        raise ValidationError(_("The pieces of the file do not add up to the announced file."))
    try:
        multipart_uploads.multipart_complete(
            private_storage(),
            key=upload.object_key,
            upload_id=upload.multipart_id,
            parts=parts,
            checksums=declared,
        )
    except multipart_uploads.StoreRefused:
        raise ValidationError(
            _("The storage refused to join the pieces of the file: choose the file again.")
        ) from None
    DeliverableUpload.objects.filter(pk=upload.pk).update(
        offset=upload.size, updated_at=timezone.now()
    )
    working_data_changed()
    upload.offset = upload.size
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
    # The milestone page says how far an unfinished upload got (an update sends no signal).
    working_data_changed()
    return upload.offset


def deliverable_upload_cancel(*, upload: DeliverableUpload) -> None:
    """Give the upload up: its chunks on our disk, or its parts (or its finished object, not
    handed in) in the bucket, go once the row's deletion commits."""
    token = str(upload.token)
    key, upload_id, finished = upload.object_key, upload.multipart_id, upload.is_complete
    upload.delete()
    if not upload_id:
        transaction.on_commit(lambda: chunked_uploads.incoming_remove(token))
        return

    def forget() -> None:
        storage = private_storage()
        multipart_uploads.multipart_abort(storage, key=key, upload_id=upload_id)
        if finished:
            storage.delete(key)

    transaction.on_commit(forget)


def deliverable_upload_store(*, upload: DeliverableUpload) -> tuple[str, str]:
    """For milestone_submit: check the whole upload is a video file and move it into the
    private storage; return (stored name, display name). The header is read here, in the web
    request, so a file that is not a video is refused at once with a message; the thorough
    check (every packet, the delivery spec) runs in a worker afterwards."""
    if not upload.is_complete:
        raise ValidationError(_("The file has not finished uploading."))
    if upload.is_multipart:
        # Already in the bucket: ffprobe reads its header through a short-lived signed URL.
        source = private_storage().url(upload.object_key)
    else:
        source = chunked_uploads.incoming_path(str(upload.token))
    try:
        video_probe.video_facts(source)
    except video_probe.NotAVideo as refused:
        raise ValidationError(_not_a_video_message(refused.reason)) from None
    if upload.is_multipart:
        return upload.object_key, upload.filename
    name = server_file_name(_video_extension(upload.filename), prefix="deliverables")
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
    """The whole file's SHA-256, read back from the storage a block at a time. A file sent in
    parts to the bucket is also held, part by part, to the SHA-256 the browser declared: a
    part that differs marks the file damaged (a store that checks parts on arrival, as S3
    does, never lets it come to that). Idempotent: a submission with its checksum is left
    alone."""
    submission = MilestoneSubmission.objects.filter(pk=submission_id).first()
    if submission is None or not submission.file or submission.sha256:
        return submission.sha256 if submission else ""
    with _file_stream(submission.file) as handle:
        digest, parts = chunked_uploads.file_sha256_with_parts(handle, submission.part_bytes)
    MilestoneSubmission.objects.filter(pk=submission.pk).update(sha256=digest)
    working_data_changed()  # the pages said "being computed…"
    differing = _parts_differing(submission.part_checksums, parts)
    if differing:
        report = {"facts": {}, "lines": [], "reason": "parts_differ", "parts": differing}
        MilestoneSubmission.objects.filter(pk=submission.pk).update(
            check_status=CheckStatus.DAMAGED, check_report=report
        )
    return digest


def _file_stream(field_file):
    storage = field_file.storage
    if multipart_uploads.bucket_of(storage) is None:
        return field_file.open("rb")
    return closing(multipart_uploads.object_stream(storage, field_file.name))


def _parts_differing(declared: dict, computed: list[str]) -> list[int]:
    """Part numbers whose bytes are not the ones the browser hashed (none declared: none)."""
    if not declared:
        return []
    numbers = range(1, max(len(computed), *map(int, declared)) + 1)
    return [
        number
        for number in numbers
        if number > len(computed) or declared.get(str(number)) != computed[number - 1]
    ]


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
    # Still pending: the checksum task may have found a part that differs meanwhile.
    MilestoneSubmission.objects.filter(pk=submission.pk, check_status=CheckStatus.PENDING).update(
        check_status=status, check_report=report
    )
    working_data_changed()
    return status


# The worker's reads of a master in the bucket (every packet, all of its sound) take as long as
# the file does: a URL valid for the storage's usual few minutes could expire while ffmpeg
# still reads, and a reconnect after that would fail as if the file were damaged.
PROBE_URL_SECONDS = 6 * 3600


def _probe_source(field_file) -> Path | str:
    """The file on disk, or a signed URL of the private bucket, which ffprobe reads over HTTP
    (only after the submission exists: it is ours to check)."""
    try:
        return Path(field_file.path)
    except NotImplementedError:
        return field_file.storage.url(field_file.name, expire=PROBE_URL_SECONDS)


def _inspected(submission: MilestoneSubmission) -> tuple[str, dict]:
    source = _probe_source(submission.file)
    try:
        facts = video_probe.video_facts(source)
    except video_probe.NotAVideo as refused:
        return CheckStatus.DAMAGED, {"facts": {}, "lines": [], "reason": refused.reason}
    whole = video_probe.file_is_whole(source, submission.file.size)
    milestone = submission.milestone
    loudness = None
    # Only where asked (it decodes all of the sound), and only of a whole file with sound.
    if asks_loudness(milestone) and whole and facts.audio_channels:
        loudness = video_probe.integrated_loudness(source)
    lines = spec_lines(milestone, facts, whole=whole, loudness=loudness)
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
    # A 50 GB upload over a slow line may have begun long ago and still be going: the uploads
    # a fresh row owns are kept, whatever their age.
    going = set(
        DeliverableUpload.objects.filter(updated_at__gte=stale_before)
        .exclude(multipart_id="")
        .values_list("multipart_id", flat=True)
    )
    parts = stale_multipart_uploads_abort(
        private_storage(), started_before=stale_before, keep=going
    )
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
