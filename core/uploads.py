"""The one place every upload in the project goes through: posters, stills, headshots, logos
and confidential deliverables. Files are judged by their content, never by their name, and
stored under names the server makes up."""

from __future__ import annotations

import io
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
DOCUMENT_SIGNATURES = {
    b"%PDF-": ("pdf", ".pdf"),
    # Office Open XML and OpenDocument files are ZIP containers.
    b"PK\x03\x04": ("office", ".zip"),
    # Legacy Word/Excel (OLE compound file).
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": ("office-legacy", ".doc"),
}


@dataclass(frozen=True)
class CheckedImage:
    format: str
    width: int
    height: int
    extension: str


def server_file_name(extension: str, prefix: str = "") -> str:
    """A random name: nothing the uploader chose reaches the file system."""
    name = f"{uuid.uuid4().hex}{extension}"
    return f"{prefix}/{name}" if prefix else name


def safe_display_name(name: str) -> str:
    """What we show (and offer as the download name) of the uploader's file name."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"/|?*')
    return cleaned.strip(". ")[:120] or "file"


def _head(upload: UploadedFile, size: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def too_large_error() -> ValidationError:
    limit = max(1, settings.UPLOAD_MAX_BYTES // (1024 * 1024))
    return ValidationError(
        _("The file is too large: the limit is %(limit)d MB."),
        code="too_large",
        params={"limit": limit},
    )


def check_size(upload: UploadedFile) -> None:
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        raise too_large_error()
    if not upload.size:
        raise ValidationError(_("The file is empty."))


def check_image(upload: UploadedFile) -> CheckedImage:
    """Accept only real JPEG, PNG or WebP images within our pixel limit."""
    check_size(upload)
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=tuple(IMAGE_FORMATS)) as image:
                width, height = image.size
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise ValidationError(
                        _("The image is too large: %(w)d × %(h)d pixels exceeds the limit."),
                        params={"w": width, "h": height},
                    )
                image_format = image.format
                image.verify()
        # verify() leaves the image unusable and does not decode pixels; decode once to catch
        # truncated data.
        upload.seek(0)
        with Image.open(upload, formats=tuple(IMAGE_FORMATS)) as image:
            image.draft("RGB", (512, 512))
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("This is not a JPEG, PNG or WebP image.")) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_("The image file is damaged or incomplete.")) from None
    finally:
        upload.seek(0)
    return CheckedImage(image_format, width, height, IMAGE_FORMATS[image_format])


def clean_image_upload(upload: UploadedFile) -> ContentFile:
    """Check an uploaded image and re-encode it, which drops EXIF and GPS metadata and any
    bytes hidden after the image data. Returns a file under a server-generated name."""
    checked = check_image(upload)
    with Image.open(upload, formats=(checked.format,)) as opened:
        # Turn the picture upright before the orientation tag is dropped with the metadata.
        image = ImageOps.exif_transpose(opened)
        if checked.format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        options = {"quality": 92} if checked.format in ("JPEG", "WEBP") else {}
        image.save(out, format=checked.format, **options)
    upload.seek(0)
    return ContentFile(out.getvalue(), name=server_file_name(checked.extension))


def check_document(upload: UploadedFile) -> str:
    """Accept PDF and office documents by their signature; return the extension to store."""
    check_size(upload)
    head = _head(upload)
    for signature, (_kind, extension) in DOCUMENT_SIGNATURES.items():
        if head.startswith(signature):
            if extension == ".zip":
                return office_extension(upload)
            return extension
    raise ValidationError(_("Upload a PDF or an office document (Word, Excel, OpenDocument)."))


def office_extension(upload: UploadedFile) -> str:
    import zipfile

    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return ".docx"
            if "xl/workbook.xml" in names:
                return ".xlsx"
            if "ppt/presentation.xml" in names:
                return ".pptx"
            if "mimetype" in names and "content.xml" in names:
                return ".odt"
    except zipfile.BadZipFile:
        pass
    finally:
        upload.seek(0)
    raise ValidationError(_("Archives are not accepted: upload a PDF or an office document."))


@contextmanager
def removed_if_failed(field_file: FieldFile) -> Iterator[None]:
    """A file already written for a row that then fails to save is deleted, not left behind."""
    try:
        yield
    except BaseException:
        if field_file.name:
            field_file.storage.delete(field_file.name)
        raise


def clean_deliverable_upload(upload: UploadedFile, kind: str) -> tuple[File, str]:
    """Check a milestone deliverable by the milestone's kind ("document" or "image"); return
    the content to store and its server-generated name. Images are re-encoded like every other
    image; documents are kept byte for byte."""
    if kind == "image":
        cleaned = clean_image_upload(upload)
        return cleaned, server_file_name(PurePath(cleaned.name).suffix, prefix="deliverables")
    if kind == "document":
        extension = check_document(upload)
        return upload, server_file_name(extension, prefix="deliverables")
    raise ValidationError(_("This milestone takes a video link, not a file."))


# Upload handler → form: which file fields the streaming size limit dropped in this request.
OVERSIZED_UPLOADS_ATTRIBUTE = "oversized_upload_fields"


def mark_oversized_upload(request, field_name: str) -> None:
    dropped = getattr(request, OVERSIZED_UPLOADS_ATTRIBUTE, set())
    dropped.add(field_name)
    setattr(request, OVERSIZED_UPLOADS_ATTRIBUTE, dropped)


def oversized_upload_fields(request) -> frozenset[str]:
    return frozenset(getattr(request, OVERSIZED_UPLOADS_ATTRIBUTE, ()))


class UploadLimitFormMixin:
    """For forms with file fields. Pass `request=`: a file the size-limit upload handler dropped
    gets "too large" on its field instead of a puzzling "this field is required"."""

    def __init__(self, *args, request=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.oversized_fields = oversized_upload_fields(request) if request else frozenset()

    def clean(self):
        cleaned_data = super().clean()
        for name in self.oversized_fields & set(self.fields):
            self._errors.pop(name, None)
            self.add_error(name, too_large_error())
        return cleaned_data
