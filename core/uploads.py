"""The one place every upload in the project goes through: posters, stills, headshots, logos
and confidential deliverables. Files are judged by their content, never by their name, and
stored under names the server makes up.

The name still counts against a file: one whose extension claims another kind of file (a PNG
named `.html`, a PDF named `.jpg`) is refused, so nobody downstream is misled by it. Within a
kind the content decides: a PNG named `.jpg` is accepted and stored as `.png`."""

from __future__ import annotations

import io
import uuid
import warnings
import zipfile
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

from core.active_content import check_legacy_office, check_pdf, check_zip_office

IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".webp"})
DOCUMENT_EXTENSIONS = frozenset(
    {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp"}
)
DOCUMENT_SIGNATURES = {
    b"%PDF-": ("pdf", ".pdf"),
    # Office Open XML and OpenDocument files are ZIP containers.
    b"PK\x03\x04": ("office", ".zip"),
    # Legacy Word/Excel/PowerPoint (OLE compound file).
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": ("office-legacy", ".doc"),
}
LEGACY_OFFICE_EXTENSIONS = frozenset({".doc", ".xls", ".ppt"})
# Which entry makes a ZIP container an office document, and the extension it is stored under.
OFFICE_MARKERS = {
    "word/document.xml": ".docx",
    "xl/workbook.xml": ".xlsx",
    "ppt/presentation.xml": ".pptx",
}
OPENDOCUMENT_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ".odt",
    b"application/vnd.oasis.opendocument.spreadsheet": ".ods",
    b"application/vnd.oasis.opendocument.presentation": ".odp",
}
# ZIP bombs: a real office document has hundreds of entries, compresses its XML some tens of
# times and its pictures not at all. These limits are far above that and far below harm.
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNCOMPRESSED_BYTES = 250 * 1024 * 1024
ZIP_MAX_RATIO = 100
ZIP_READ_CHUNK = 1024 * 1024

# What every response carrying an uploaded file says (the download view, media under DEBUG;
# deploy/nginx.conf says the same for /media/): nothing in it may run or load anything.
MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'"

NOT_AN_IMAGE = _("This is not a JPEG, PNG or WebP image.")
NOT_A_DOCUMENT = _("Upload a PDF or an office document (Word, Excel, OpenDocument).")


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
    """What we show (and offer as the download name) of the uploader's file name: no folders,
    no control or direction-changing characters, none of the characters file systems refuse."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"/|?*')
    return cleaned.strip(". ")[:120] or "file"


def claimed_extension(upload: UploadedFile) -> str:
    return PurePath((upload.name or "").replace("\\", "/")).suffix.lower()


def _check_claimed_extension(upload: UploadedFile, allowed: frozenset[str], message) -> None:
    extension = claimed_extension(upload)
    if extension and extension not in allowed:
        raise ValidationError(message, code="wrong_extension")


def _head(upload: UploadedFile, size: int = 16) -> bytes:
    upload.seek(0)
    return upload.read(size)


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
        raise ValidationError(_("The file is empty."), code="empty")


def _too_many_pixels(width: int, height: int) -> ValidationError:
    return ValidationError(
        _("The image is too large: %(w)d × %(h)d pixels exceeds the limit."),
        code="too_many_pixels",
        params={"w": width, "h": height},
    )


def check_image(upload: UploadedFile) -> CheckedImage:
    """Accept only real JPEG, PNG or WebP images within our pixel limit."""
    check_size(upload)
    _check_claimed_extension(upload, IMAGE_EXTENSIONS, NOT_AN_IMAGE)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            checked = _open_and_verify(upload)
            # verify() leaves the image unusable and does not decode pixels; decode once to
            # catch truncated data.
            with Image.open(upload, formats=(checked.format,)) as image:
                image.draft("RGB", (512, 512))
                image.load()
    except ValidationError:
        raise
    except UnidentifiedImageError:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The image is too large: it has more pixels than the limit."),
            code="too_many_pixels",
        ) from None
    except Exception:  # a hostile file makes Pillow raise almost anything
        raise ValidationError(
            _("The image file is damaged or incomplete."), code="damaged"
        ) from None
    finally:
        upload.seek(0)
    return checked


def _open_and_verify(upload: UploadedFile) -> CheckedImage:
    with Image.open(upload, formats=tuple(IMAGE_FORMATS)) as image:
        # Our limit, checked from the header before any pixel is decoded (Pillow's own only
        # warns below twice its default).
        width, height = image.size
        if width * height > settings.IMAGE_MAX_PIXELS:
            raise _too_many_pixels(width, height)
        image_format = image.format
        image.verify()
    return CheckedImage(image_format, width, height, IMAGE_FORMATS[image_format])


def clean_image_upload(upload: UploadedFile) -> ContentFile:
    """Check an uploaded image and re-encode it, which drops EXIF, GPS, XMP, colour profiles,
    comments and any bytes hidden after the image data. Returns a file under a
    server-generated name."""
    checked = check_image(upload)
    try:
        data = _reencoded(upload, checked.format)
    except Exception:  # same as check_image: hostile input, any exception
        raise ValidationError(
            _("The image file is damaged or incomplete."), code="damaged"
        ) from None
    finally:
        upload.seek(0)
    return ContentFile(data, name=server_file_name(checked.extension))


def _reencoded(upload: UploadedFile, image_format: str) -> bytes:
    with Image.open(upload, formats=(image_format,)) as opened:
        # Turn the picture upright before the orientation tag is dropped with the metadata.
        image = ImageOps.exif_transpose(opened)
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        # Pillow writes some of what it read back out (a JPEG's comment survives a save), so
        # the image keeps nothing but its pixels and the transparency that belongs to them.
        image.info = {k: v for k, v in image.info.items() if k == "transparency"}
        out = io.BytesIO()
        options = {"quality": 92} if image_format in ("JPEG", "WEBP") else {}
        image.save(out, format=image_format, **options)
    return out.getvalue()


def check_document(upload: UploadedFile) -> str:
    """Accept PDF and office documents by their signature; return the extension to store."""
    check_size(upload)
    _check_claimed_extension(upload, DOCUMENT_EXTENSIONS, NOT_A_DOCUMENT)
    head = _head(upload)
    for signature, (_kind, extension) in DOCUMENT_SIGNATURES.items():
        if head.startswith(signature):
            if extension == ".zip":
                return office_extension(upload)
            if extension == ".doc":
                check_legacy_office(upload)
                claimed = claimed_extension(upload)
                return claimed if claimed in LEGACY_OFFICE_EXTENSIONS else extension
            check_pdf(upload)
            return extension
    raise ValidationError(NOT_A_DOCUMENT, code="not_a_document")


def office_extension(upload: UploadedFile) -> str:
    """An office document in a ZIP container: checked against ZIP bombs, refused when it is
    any other archive or carries macros."""
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            _check_zip_limits(entries, upload.size or 0)
            extension = _office_kind(archive, {entry.filename for entry in entries})
            _check_zip_contents(archive, entries)
            return extension
    except ValidationError:
        raise
    except Exception:  # a damaged archive makes zipfile raise many things
        raise ValidationError(_("The document is damaged or incomplete."), code="damaged") from None
    finally:
        upload.seek(0)


def _office_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    check_zip_office(archive, names)
    for marker, extension in OFFICE_MARKERS.items():
        if marker in names and "[Content_Types].xml" in names:
            return extension
    if "mimetype" in names:
        mimetype = archive.read("mimetype").strip()
        if mimetype in OPENDOCUMENT_MIMETYPES:
            return OPENDOCUMENT_MIMETYPES[mimetype]
    raise ValidationError(
        _("Archives are not accepted: upload a PDF or an office document."), code="archive"
    )


def _zip_bomb_error() -> ValidationError:
    return ValidationError(
        _("The document unpacks to far more than its size; it is not accepted."),
        code="zip_bomb",
    )


def _check_zip_limits(entries: list[zipfile.ZipInfo], archive_size: int) -> None:
    """What the archive's directory declares, before anything is decompressed."""
    if len(entries) > ZIP_MAX_ENTRIES:
        raise _zip_bomb_error()
    declared = sum(entry.file_size for entry in entries)
    if declared > ZIP_MAX_UNCOMPRESSED_BYTES or declared > ZIP_MAX_RATIO * max(archive_size, 1):
        raise _zip_bomb_error()


def _check_zip_contents(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    """Decompress every entry, counting, so a directory that lies about sizes is caught too
    (and each entry's checksum is verified on the way)."""
    budget = sum(entry.file_size for entry in entries)
    for entry in entries:
        with archive.open(entry) as member:
            while chunk := member.read(ZIP_READ_CHUNK):
                budget -= len(chunk)
                if budget < 0:
                    raise _zip_bomb_error()


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
    if kind == "video":
        raise ValidationError(_("Send the video with the page's uploader."))
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
