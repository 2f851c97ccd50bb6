from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db.models.fields.files import FieldFile
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header


class PrivateFileSystemStorage(FileSystemStorage):
    """Local storage for confidential files. It has no URL at all: Django's FileSystemStorage
    would otherwise fall back to MEDIA_URL and print a public-looking address."""

    def url(self, name: str | None, **kwargs) -> str:
        raise ValueError("Confidential files have no URL; serve them through the download view.")


class _PrivateStorage(LazyObject):
    """Resolves STORAGES["private"] when first used, not when models load, so the backend
    follows the settings (local folder or private bucket) and tests can swap it."""

    def _setup(self) -> None:
        self._wrapped = storages["private"]


_private = _PrivateStorage()


@receiver(setting_changed)
def _forget_private_storage(*, setting: str, **kwargs) -> None:
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        _private._wrapped = empty


def private_storage():
    """Where confidential deliverables live (see STORAGES["private"])."""
    return _private


def signed_download_url(field_file: FieldFile, *, filename: str) -> str | None:
    """A short-lived signed URL when the private storage is object storage, telling the bucket
    to answer as an attachment named `filename`; None for local files, which the download view
    streams itself. Call only after the permission check."""
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    try:
        return field_file.storage.url(
            field_file.name,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": "application/octet-stream",
            },
        )
    except (ValueError, NotImplementedError, TypeError):
        return None


def stale_multipart_uploads_abort(storage, *, started_before, keep: set[str] = frozenset()) -> int:
    """Abort the bucket's multipart uploads begun before `started_before` and never finished
    (a process that died while streaming a large file into the bucket, or a browser that went
    away, leaves its parts behind, stored and billed, invisible in a listing of the files),
    except those whose ids are in `keep` (still being sent). Nothing to do on a local disk."""
    bucket = getattr(storage, "bucket", None)
    if bucket is None:
        return 0
    client = bucket.meta.client
    aborted = 0
    for page in client.get_paginator("list_multipart_uploads").paginate(Bucket=bucket.name):
        for upload in page.get("Uploads", []):
            if upload["Initiated"] < started_before and upload["UploadId"] not in keep:
                client.abort_multipart_upload(
                    Bucket=bucket.name, Key=upload["Key"], UploadId=upload["UploadId"]
                )
                aborted += 1
    return aborted
