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
