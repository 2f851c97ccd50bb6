"""The plumbing of browser-to-bucket uploads (core.multipart_uploads) and the per-part SHA-256
read back (core.chunked_uploads.file_sha256_with_parts); the bucket is moto's server."""

import base64
import datetime
import hashlib
import io

import pytest
from django.core.files.storage import storages

from core import multipart_uploads
from core.chunked_uploads import file_sha256_with_parts
from films.services import deliverable_uploads_sweep
from tests.core.test_object_storage import (  # noqa: F401 - fixtures
    bucket_keys,
    object_storage,
    s3_endpoint,
)
from tests.factories.films import DeliverableUploadFactory

MIB = 1024 * 1024


def test_part_size_is_the_setting_until_a_file_would_need_more_than_ten_thousand(settings):
    settings.DELIVERABLE_PART_BYTES = 16 * MIB

    small = multipart_uploads.part_bytes_for(1024**3)
    huge = multipart_uploads.part_bytes_for(500 * 1024**3)

    assert small == 16 * MIB
    assert huge == 52 * MIB  # 500 GiB / 10,000 = 51.2 MiB, rounded up to whole MiB
    assert multipart_uploads.part_count(500 * 1024**3, huge) <= multipart_uploads.MAX_PARTS


def test_part_size_is_never_below_what_s3_accepts(settings):
    settings.DELIVERABLE_PART_BYTES = 1024

    assert multipart_uploads.part_bytes_for(100 * MIB) == multipart_uploads.MIN_PART_BYTES


class Trickle(io.BytesIO):
    """A stream that answers fewer bytes than asked, as a network body may."""

    def read(self, size: int = -1) -> bytes:
        return super().read(min(size, 777) if size > 0 else 777)


def test_sha256_with_parts_hashes_each_part_and_the_whole_in_one_pass():
    content = bytes(range(256)) * 41_000  # 10.5 MB: two 5 MiB parts and a short last one
    part = 5 * MIB

    whole, parts = file_sha256_with_parts(Trickle(content), part)

    assert whole == hashlib.sha256(content).hexdigest()
    expected = [
        base64.b64encode(hashlib.sha256(content[start : start + part]).digest()).decode()
        for start in range(0, len(content), part)
    ]
    assert parts == expected


def test_sha256_without_parts_is_the_whole_only():
    assert file_sha256_with_parts(io.BytesIO(b"abc"), 0) == (hashlib.sha256(b"abc").hexdigest(), [])


@pytest.mark.django_db
def test_stored_parts_and_complete_make_the_object(object_storage):  # noqa: F811
    storage = storages["private"]
    upload_id = multipart_uploads.multipart_start(
        storage, key="deliverables/m.mov", content_type="application/octet-stream"
    )
    first, last = b"a" * (5 * MIB), b"b" * 10
    checksums = {}
    for number, body in ((1, first), (2, last)):
        checksums[number] = base64.b64encode(hashlib.sha256(body).digest()).decode()
        object_storage.upload_part(
            Bucket="talents-private",
            Key="deliverables/m.mov",
            UploadId=upload_id,
            PartNumber=number,
            Body=body,
        )

    parts = multipart_uploads.stored_parts(storage, key="deliverables/m.mov", upload_id=upload_id)
    multipart_uploads.multipart_complete(
        storage, key="deliverables/m.mov", upload_id=upload_id, parts=parts, checksums=checksums
    )

    assert [(part.number, part.size) for part in parts] == [(1, 5 * MIB), (2, 10)]
    with multipart_uploads.object_stream(storage, "deliverables/m.mov") as body:
        assert body.read() == first + last


@pytest.mark.django_db
def test_abort_of_an_upload_already_gone_is_quiet(object_storage):  # noqa: F811
    storage = storages["private"]
    upload_id = multipart_uploads.multipart_start(
        storage, key="deliverables/g.mov", content_type="application/octet-stream"
    )

    multipart_uploads.multipart_abort(storage, key="deliverables/g.mov", upload_id=upload_id)
    multipart_uploads.multipart_abort(storage, key="deliverables/g.mov", upload_id=upload_id)

    assert object_storage.list_multipart_uploads(Bucket="talents-private").get("Uploads") is None


@pytest.mark.django_db
def test_sweep_keeps_the_bucket_upload_of_an_upload_still_being_sent(
    object_storage,  # noqa: F811
    settings,
    django_capture_on_commit_callbacks,
):
    # moto dates every multipart upload 2010: by its age alone each looks abandoned, as a
    # 50 GB upload over a slow line begun days ago would. The row's last signing says it is not.
    settings.DELIVERABLE_UPLOAD_STALE_HOURS = 72
    storage = storages["private"]
    going, gone = (
        multipart_uploads.multipart_start(storage, key=key, content_type="video/mp4")
        for key in ("deliverables/going.mp4", "deliverables/gone.mp4")
    )
    DeliverableUploadFactory(object_key="deliverables/going.mp4", multipart_id=going, part_bytes=1)
    stale = DeliverableUploadFactory(
        object_key="deliverables/gone.mp4", multipart_id=gone, part_bytes=1
    )
    stale.__class__.objects.filter(pk=stale.pk).update(
        updated_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    )

    with django_capture_on_commit_callbacks(execute=True):
        deliverable_uploads_sweep()

    listed = object_storage.list_multipart_uploads(Bucket="talents-private")["Uploads"]
    assert [upload["UploadId"] for upload in listed] == [going]
    assert not stale.__class__.objects.filter(pk=stale.pk).exists()


@pytest.mark.django_db
def test_complete_with_a_part_the_bucket_does_not_hold_is_refused(object_storage):  # noqa: F811
    storage = storages["private"]
    upload_id = multipart_uploads.multipart_start(
        storage, key="deliverables/r.mov", content_type="application/octet-stream"
    )
    object_storage.upload_part(
        Bucket="talents-private",
        Key="deliverables/r.mov",
        UploadId=upload_id,
        PartNumber=1,
        Body=b"a" * 10,
    )
    wrong = [multipart_uploads.StoredPart(1, 10, '"0123456789abcdef0123456789abcdef"')]

    with pytest.raises(multipart_uploads.StoreRefused):
        multipart_uploads.multipart_complete(
            storage, key="deliverables/r.mov", upload_id=upload_id, parts=wrong, checksums={1: "x"}
        )

    assert bucket_keys(object_storage, "talents-private") == set()
