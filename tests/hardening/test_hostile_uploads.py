"""Hostile files through the real views: the milestone submission (a document milestone and an
image milestone), the poster and the headshot. Each is answered with a message on the form and
a 400, never a 500 (the test client re-raises one), and nothing is stored."""

import io
import re
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.upload_handlers import SizeLimitUploadHandler
from films.models import FilmRevision, MilestoneSubmission, Still
from outbox.models import OutboxMessage
from tests.factories import image_bytes, pdf_bytes
from tests.hardening import hostile_files as hostile

NOT_AN_IMAGE = "This is not a JPEG, PNG or WebP image."
NOT_A_DOCUMENT = "Upload a PDF or an office document (Word, Excel, OpenDocument)."
DAMAGED_IMAGE = "The image file is damaged or incomplete."
EMPTY = "The submitted file is empty."
ZIP_BOMB = "The document unpacks to far more than its size; it is not accepted."


@dataclass(frozen=True)
class Target:
    """An upload form: where it posts and what its file field is called."""

    name: str
    field: str
    takes: str  # "image" or "document"

    def url(self, world) -> str:
        if self.name == "document_milestone" or self.name == "image_milestone":
            milestone = getattr(world, self.name)
            return reverse(
                "portal:milestone_submit",
                kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk},
            )
        if self.name == "poster":
            return reverse("portal:film_poster", kwargs={"film_id": world.film.pk})
        return reverse("portal:profile_headshot")

    def post(self, client, world, name: str, content: bytes, content_type: str = "image/jpeg"):
        upload = SimpleUploadedFile(name, content, content_type=content_type)
        return client.post(self.url(world), {self.field: upload, "alt_en": "A still"})


DOCUMENT = Target("document_milestone", "file", "document")
IMAGE_TARGETS = [
    Target("image_milestone", "file", "image"),
    Target("poster", "image", "image"),
    Target("headshot", "image", "image"),
]
ALL_TARGETS = [DOCUMENT, *IMAGE_TARGETS]


def nothing_saved(world) -> bool:
    world.film.refresh_from_db()
    world.film.director.refresh_from_db()
    return (
        not MilestoneSubmission.objects.exclude(pk=world.submission.pk).exists()
        and not FilmRevision.objects.exists()
        and not Still.objects.filter(film=world.film).exists()
        and not world.film.poster
        and not world.film.director.headshot
        and not OutboxMessage.objects.exists()
    )


# (file name, content, message for an image field, message for a document field)
HOSTILE = {
    "decompression bomb": (
        "bomb.png",
        hostile.decompression_bomb,
        "The image is too large: 8000 × 8000 pixels exceeds the limit.",
        NOT_A_DOCUMENT,
    ),
    "png claiming 100000 x 100000": (
        "huge.png",
        lambda: hostile.png_claiming(100_000, 100_000),
        "The image is too large: it has more pixels than the limit.",
        NOT_A_DOCUMENT,
    ),
    "html with a jpeg header": (
        "page.jpg",
        hostile.html_with_jpeg_header,
        DAMAGED_IMAGE,
        NOT_A_DOCUMENT,
    ),
    "html named html": ("page.html", lambda: hostile.HTML, NOT_AN_IMAGE, NOT_A_DOCUMENT),
    "svg with script": ("logo.svg", hostile.svg_with_script, NOT_AN_IMAGE, NOT_A_DOCUMENT),
    "svg named png": ("logo.png", hostile.svg_with_script, NOT_AN_IMAGE, NOT_A_DOCUMENT),
    "pdf renamed jpg": ("poster.jpg", pdf_bytes, NOT_AN_IMAGE, NOT_A_DOCUMENT),
    "real png named html": ("poster.html", hostile.jpeg, NOT_AN_IMAGE, NOT_A_DOCUMENT),
    "zero bytes": ("empty.jpg", lambda: b"", EMPTY, EMPTY),
    "truncated jpeg": ("cut.jpg", hostile.truncated_jpeg, DAMAGED_IMAGE, NOT_A_DOCUMENT),
    "zip bomb as docx": ("notes.docx", hostile.zip_bomb_docx, NOT_AN_IMAGE, ZIP_BOMB),
}


def _cases():
    for case, (name, build, image_message, document_message) in HOSTILE.items():
        for target in ALL_TARGETS:
            message = image_message if target.takes == "image" else document_message
            yield pytest.param(target, name, build, message, id=f"{case}-{target.name}")


@pytest.mark.parametrize(("target", "name", "build", "message"), list(_cases()))
def test_hostile_file_is_refused_with_a_message_and_nothing_stored(
    client, world, stored_files, target, name, build, message
):
    client.force_login(world.director)

    response = target.post(client, world, name, build())

    assert response.status_code == 400
    assert message in response.text
    assert stored_files() == []
    assert nothing_saved(world)


DOCUMENT_REFUSALS = {
    "plain zip": ("bundle.zip", hostile.plain_zip, NOT_A_DOCUMENT),
    "plain zip named docx": (
        "bundle.docx",
        hostile.plain_zip,
        "Archives are not accepted: upload a PDF or an office document.",
    ),
    "too many entries": ("big.docx", hostile.zip_with_too_many_entries, ZIP_BOMB),
    "macros": (
        "macro.docx",
        hostile.docx_with_macros,
        "Documents with macros are not accepted: save it without macros.",
    ),
    "pdf named exe": ("script.exe", pdf_bytes, NOT_A_DOCUMENT),
    "jpeg as document": ("script.pdf", hostile.jpeg, NOT_A_DOCUMENT),
    "truncated zip": (
        "cut.docx",
        lambda: hostile.office_archive()[:-40],
        "The document is damaged or incomplete.",
    ),
}


@pytest.mark.parametrize(
    ("name", "build", "message"), list(DOCUMENT_REFUSALS.values()), ids=list(DOCUMENT_REFUSALS)
)
def test_document_milestone_refuses_archives_and_disguises(
    client, world, stored_files, name, build, message
):
    client.force_login(world.director)

    response = DOCUMENT.post(client, world, name, build(), "application/octet-stream")

    assert response.status_code == 400
    assert message in response.text
    assert stored_files() == []
    assert nothing_saved(world)


@pytest.mark.parametrize(
    ("name", "build", "stored_extension"),
    [
        ("notes.docx", hostile.office_archive, ".docx"),
        ("sheet.xlsx", lambda: hostile.office_archive(kind="excel"), ".xlsx"),
        ("script.docx", pdf_bytes, ".pdf"),
    ],
)
def test_document_milestone_stores_office_files_by_their_content(
    client, world, stored_files, name, build, stored_extension
):
    client.force_login(world.director)

    response = DOCUMENT.post(client, world, name, build(), "application/octet-stream")

    assert response.status_code == 302
    submission = MilestoneSubmission.objects.get(milestone=world.document_milestone)
    assert submission.file.name.endswith(stored_extension)
    assert stored_files() == [submission.file.name]


# Polyglots: an image with HTML hidden in it is re-encoded, and what is stored holds no HTML.


@pytest.mark.parametrize("build", [hostile.jpeg_with_html_appended, hostile.jpeg_with_html_comment])
@pytest.mark.parametrize("target", IMAGE_TARGETS, ids=lambda target: target.name)
def test_jpeg_with_html_is_stored_reencoded_without_the_html(
    client, world, settings, target, build
):
    client.force_login(world.director)
    content = build()
    assert hostile.HTML in content

    response = target.post(client, world, "still.jpg", content)

    assert response.status_code == 302
    stored = [
        p
        for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
        if root.exists()
        for p in root.rglob("*")
        if p.is_file() and p.suffix == ".jpg"
    ]
    assert stored
    for path in stored:
        data = path.read_bytes()
        assert b"<script" not in data and b"<html" not in data
        assert Image.open(path).format == "JPEG"


def test_png_named_jpg_is_accepted_by_content_and_stored_as_png(client, world):
    client.force_login(world.director)

    response = IMAGE_TARGETS[0].post(client, world, "board.jpg", image_bytes(image_format="PNG"))

    assert response.status_code == 302
    submission = MilestoneSubmission.objects.get(milestone=world.image_milestone)
    assert submission.file.name.endswith(".png")


def test_image_metadata_is_stripped(client, world):
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 27.0)}  # GPS
    out = io.BytesIO()
    Image.new("RGB", (64, 48)).save(out, format="JPEG", exif=exif)
    client.force_login(world.director)

    response = IMAGE_TARGETS[0].post(client, world, "gps.jpg", out.getvalue())

    assert response.status_code == 302
    submission = MilestoneSubmission.objects.get(milestone=world.image_milestone)
    stored = submission.file.open("rb").read()
    assert b"secret description" not in stored
    assert b"Exif" not in stored


# A file name is the uploader's: never a path on our disk, shown only once cleaned.

HOSTILE_NAME = "../../..\\windows\\sys\x07tem\x1b[31m\u202egnp.pdf"


def multipart_upload(name: str, content: bytes, field: str = "file") -> tuple[bytes, str]:
    """A multipart body written by hand, so the file name reaches the server byte for byte."""
    boundary = "hostileboundary"
    body = (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def test_path_traversal_and_control_characters_in_the_name_are_cleaned(client, world, stored_files):
    client.force_login(world.director)
    body, content_type = multipart_upload(HOSTILE_NAME, pdf_bytes())

    response = client.post(DOCUMENT.url(world), body, content_type=content_type)

    assert response.status_code == 302
    submission = MilestoneSubmission.objects.get(milestone=world.document_milestone)
    assert re.fullmatch(r"deliverables/[0-9a-f]{32}\.pdf", submission.file.name)
    assert stored_files() == [submission.file.name]
    assert submission.original_filename == "system[31mgnp.pdf"
    download = client.get(reverse("portal:submission_file", args=[submission.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="system[31mgnp.pdf"'


def test_null_byte_in_the_file_name_cannot_hide_the_extension(client, world, stored_files):
    client.force_login(world.director)
    body, content_type = multipart_upload("script.pdf\x00.html", pdf_bytes())

    response = client.post(DOCUMENT.url(world), body, content_type=content_type)

    assert response.status_code == 400
    assert NOT_A_DOCUMENT in response.text
    assert stored_files() == []
    assert nothing_saved(world)


# Over the size limit: dropped while it streams in, with a message, not read to the end.


@pytest.fixture
def bytes_seen(monkeypatch):
    """How many bytes of each upload the size-limit handler (first in line) was handed."""
    seen = []
    receive = SizeLimitUploadHandler.receive_data_chunk

    def counting(self, raw_data, start):
        seen.append(len(raw_data))
        return receive(self, raw_data, start)

    monkeypatch.setattr(SizeLimitUploadHandler, "receive_data_chunk", counting)
    return seen


@pytest.mark.parametrize("target", ALL_TARGETS, ids=lambda target: target.name)
def test_file_over_the_limit_is_dropped_while_streaming(
    client, world, stored_files, settings, bytes_seen, target
):
    settings.UPLOAD_MAX_BYTES = 100 * 1024
    client.force_login(world.director)
    size = 5 * 1024 * 1024

    response = target.post(client, world, "big.pdf", pdf_bytes(size), "application/pdf")

    assert response.status_code == 400
    assert "The file is too large: the limit is 1 MB." in response.text
    assert stored_files() == []
    assert nothing_saved(world)
    # Handed on chunk by chunk (64 KB) only until the limit was passed, then skipped.
    assert settings.UPLOAD_MAX_BYTES < sum(bytes_seen) <= settings.UPLOAD_MAX_BYTES + 64 * 1024


# Downloads: always an attachment, never rendered from our origin.


def test_download_is_an_attachment_with_a_utf8_name_under_a_none_policy(client, world):
    client.force_login(world.director)
    DOCUMENT.post(client, world, "剧本 第二稿.docx", pdf_bytes(), "application/pdf")
    submission = MilestoneSubmission.objects.get(milestone=world.document_milestone)

    response = client.get(reverse("portal:submission_file", args=[submission.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E5%89%A7%E6%9C%AC%20%E7%AC%AC%E4%BA%8C%E7%A8%BF.pdf"
    )
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
