"""Files that go from the browser straight into the private bucket (S3 multipart uploads): we
open the upload, hand out a short-lived presigned URL per part, each signed with the part's
SHA-256 the browser computed, so the storage refuses a part whose bytes differ from what the
browser hashed (x-amz-checksum-sha256); we list the parts the bucket holds, so an uploader
resumes after a closed tab from the bucket's own record; we complete or abort. The bytes never
pass through a web process. Plumbing only: who may upload what is the caller's business
(films.services.deliverables).

Not here: the local path, where chunks stream to our own disk (core.chunked_uploads)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.conf import settings

# S3's limits: at most 10,000 parts, each at least 5 MiB but the last.
MAX_PARTS = 10_000
MIN_PART_BYTES = 5 * 1024 * 1024
MEBIBYTE = 1024 * 1024


class StoreRefused(Exception):
    """The bucket would not join the parts (one differs from what it verified, or is gone)."""


@dataclass(frozen=True)
class StoredPart:
    number: int
    size: int
    etag: str


def bucket_of(storage):
    """The storage's boto3 bucket, or None when it is a local disk."""
    return getattr(storage, "bucket", None)


def object_stream(storage, key: str):
    """The object's bytes as the bucket sends them, to read a block at a time (django-storages'
    File would first copy the whole object to a temporary file on the worker's disk)."""
    bucket = bucket_of(storage)
    return bucket.meta.client.get_object(Bucket=bucket.name, Key=key)["Body"]


def part_bytes_for(size: int) -> int:
    """The part size for a file of `size` bytes: the configured size, larger when the file
    would otherwise need more than MAX_PARTS parts (rounded up to whole MiB)."""
    wanted = max(settings.DELIVERABLE_PART_BYTES, MIN_PART_BYTES)
    needed = -(-size // MAX_PARTS)
    return max(wanted, -(-needed // MEBIBYTE) * MEBIBYTE)


def part_count(size: int, part_bytes: int) -> int:
    return max(1, -(-size // part_bytes))


def multipart_start(storage, *, key: str, content_type: str) -> str:
    """Open a multipart upload whose parts carry SHA-256 checksums; return its id."""
    bucket = bucket_of(storage)
    answer = bucket.meta.client.create_multipart_upload(
        Bucket=bucket.name, Key=key, ContentType=content_type, ChecksumAlgorithm="SHA256"
    )
    return answer["UploadId"]


def part_url(storage, *, key: str, upload_id: str, number: int, sha256_base64: str) -> str:
    """A presigned PUT for one part, valid S3_PART_URL_SECONDS; the checksum is part of the
    signature, so the browser cannot send other bytes under it and the bucket checks them."""
    bucket = bucket_of(storage)
    return bucket.meta.client.generate_presigned_url(
        "upload_part",
        Params={
            "Bucket": bucket.name,
            "Key": key,
            "UploadId": upload_id,
            "PartNumber": number,
            "ChecksumSHA256": sha256_base64,
        },
        ExpiresIn=settings.S3_PART_URL_SECONDS,
        HttpMethod="PUT",
    )


def stored_parts(storage, *, key: str, upload_id: str) -> list[StoredPart]:
    """The parts the bucket confirmed, in order (paged: a 50 GB file has thousands)."""
    bucket = bucket_of(storage)
    client = bucket.meta.client
    parts = []
    pages = client.get_paginator("list_parts").paginate(
        Bucket=bucket.name, Key=key, UploadId=upload_id
    )
    for page in pages:
        parts.extend(
            StoredPart(part["PartNumber"], part["Size"], part["ETag"])
            for part in page.get("Parts", [])
        )
    return parts


def multipart_complete(
    storage, *, key: str, upload_id: str, parts: list[StoredPart], checksums: dict[int, str]
) -> None:
    """Join the parts into the object. Each part's checksum is sent again: the bucket compares
    it with the one it verified when the part arrived."""
    bucket = bucket_of(storage)
    client = bucket.meta.client
    try:
        _complete(client, bucket.name, key, upload_id, parts, checksums)
    except client.exceptions.ClientError as refused:
        raise StoreRefused(str(refused)) from None


def _complete(client, bucket_name, key, upload_id, parts, checksums) -> None:
    client.complete_multipart_upload(
        Bucket=bucket_name,
        Key=key,
        UploadId=upload_id,
        MultipartUpload={
            "Parts": [
                {
                    "PartNumber": part.number,
                    "ETag": part.etag,
                    "ChecksumSHA256": checksums[part.number],
                }
                for part in parts
            ]
        },
    )


def multipart_abort(storage, *, key: str, upload_id: str) -> None:
    """Give the upload up: the bucket deletes its parts. Gone already is fine."""
    bucket = bucket_of(storage)
    client = bucket.meta.client
    with contextlib.suppress(client.exceptions.NoSuchUpload):
        client.abort_multipart_upload(Bucket=bucket.name, Key=key, UploadId=upload_id)
