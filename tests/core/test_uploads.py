"""core/uploads.py one rule at a time, at its edges: the names it makes and shows, the size and
pixel limits exactly at the limit, the ZIP bomb limits, the file left behind by a failed save.
The hostile-file suite (tests/hardening) sends real attacks through every door; these pin the
boundaries that suite does not reach (found by ./dev mutants)."""

import io
import warnings
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from core import uploads
from portal.forms import ImageUploadForm
from tests.factories import image_bytes, pdf_bytes
from tests.hardening import hostile_files as hostile
from tests.hardening.ole_files import compound_file


def upload(content: bytes, name: str = "file.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def codes(error: pytest.ExceptionInfo) -> list[str]:
    return [e.code for e in error.value.error_list]


def docx(extra: dict[str, bytes] | None = None, *, stored: bool = False) -> bytes:
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", compression=method) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def test_server_file_name_is_random_and_keeps_only_the_extension_and_folder():
    first = uploads.server_file_name(".pdf", "applications")
    second = uploads.server_file_name(".pdf", "applications")

    assert first != second
    assert first.startswith("applications/") and first.endswith(".pdf")
    assert len(first) == len("applications/") + 32 + len(".pdf")
    assert "/" not in uploads.server_file_name(".png")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("..\\..\\windows\\evil.pdf", "evil.pdf"),
        ("a/b/report.pdf", "report.pdf"),
        ("re\u202egnp.pdf", "regnp.pdf"),
        ('bad<>:"|?*name.pdf', "badname.pdf"),
        ("  ..hidden.pdf. ", "hidden.pdf"),
        ("...", "file"),
        ("x" * 200 + ".pdf", "x" * 120),
    ],
)
def test_safe_display_name_keeps_a_plain_file_name(name, shown):
    assert uploads.safe_display_name(name) == shown


def test_claimed_extension_is_the_lower_case_suffix_of_the_last_path_part():
    assert uploads.claimed_extension(upload(b"", "A\\B.D\\Report.PDF")) == ".pdf"
    assert uploads.claimed_extension(upload(b"", "noextension")) == ""


def test_a_file_exactly_at_the_limit_passes_and_one_byte_more_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = len(pdf_bytes())

    uploads.check_size(upload(pdf_bytes()))
    with pytest.raises(ValidationError) as error:
        uploads.check_size(upload(pdf_bytes() + b"x"))

    assert codes(error) == ["too_large"]


def test_the_too_large_message_names_the_limit_in_whole_megabytes(settings):
    settings.UPLOAD_MAX_BYTES = 3 * 1024 * 1024

    assert uploads.too_large_error().params == {"limit": 3}
    settings.UPLOAD_MAX_BYTES = 1000
    assert uploads.too_large_error().params == {"limit": 1}


def test_an_empty_file_is_refused_as_empty():
    with pytest.raises(ValidationError) as error:
        uploads.check_size(upload(b""))

    assert codes(error) == ["empty"]


def test_a_document_without_an_extension_is_judged_by_content():
    assert uploads.check_document(upload(pdf_bytes(), "scan")) == ".pdf"


def test_a_document_with_an_image_extension_is_refused_before_its_content_is_read():
    with pytest.raises(ValidationError) as error:
        uploads.check_document(upload(pdf_bytes(), "scan.png"))

    assert codes(error) == ["wrong_extension"]


def test_an_image_exactly_at_the_pixel_limit_passes_and_one_pixel_more_is_refused(settings):
    settings.IMAGE_MAX_PIXELS = 64 * 48

    checked = uploads.check_image(upload(image_bytes(64, 48), "a.png"))
    with pytest.raises(ValidationError) as error:
        uploads.check_image(upload(image_bytes(64, 49), "b.png"))

    assert (checked.format, checked.width, checked.height, checked.extension) == (
        "PNG",
        64,
        48,
        ".png",
    )
    assert codes(error) == ["too_many_pixels"]
    assert error.value.error_list[0].params == {"w": 64, "h": 49}


def test_check_image_leaves_the_upload_at_its_start():
    picture = upload(image_bytes(), "a.png")

    uploads.check_image(picture)

    assert picture.tell() == 0
    assert picture.read(8) == b"\x89PNG\r\n\x1a\n"


def test_a_clean_image_is_a_new_png_under_a_server_name_and_the_upload_rewound():
    picture = upload(image_bytes(30, 20), "holiday.png")

    cleaned = uploads.clean_image_upload(picture)

    assert cleaned.name.endswith(".png") and "holiday" not in cleaned.name
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert (image.format, image.size) == ("PNG", (30, 20))
    assert picture.tell() == 0


def test_a_cmyk_jpeg_is_stored_as_rgb():
    out = io.BytesIO()
    Image.new("CMYK", (20, 20), (0, 255, 255, 0)).save(out, format="JPEG")

    cleaned = uploads.clean_image_upload(upload(out.getvalue(), "print.jpg"))

    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert (image.format, image.mode) == ("JPEG", "RGB")


def test_a_png_keeps_its_transparency_and_nothing_else(tmp_path):
    out = io.BytesIO()
    image = Image.new("P", (10, 10), 0)
    image.putpalette([255, 0, 0, 0, 255, 0])
    image.info["transparency"] = 0
    image.save(out, format="PNG", transparency=0, pnginfo=None)

    cleaned = uploads.clean_image_upload(upload(out.getvalue(), "logo.png"))

    with Image.open(io.BytesIO(cleaned.read())) as reread:
        assert reread.info.get("transparency") == 0


def test_an_archive_with_more_entries_than_allowed_is_a_zip_bomb(monkeypatch):
    monkeypatch.setattr(uploads, "ZIP_MAX_ENTRIES", 3)
    at_limit = docx({"a.xml": "<a/>"})
    over = docx({"a.xml": "<a/>", "b.xml": "<b/>"})

    assert uploads.check_document(upload(at_limit, "x.docx")) == ".docx"
    with pytest.raises(ValidationError) as error:
        uploads.check_document(upload(over, "x.docx"))

    assert codes(error) == ["zip_bomb"]


def test_an_archive_declaring_more_than_the_total_limit_is_a_zip_bomb(monkeypatch):
    content = docx({"big.xml": b"a" * 5000}, stored=True)
    declared = 5000 + len("<Types/>") + len("<document/>")
    monkeypatch.setattr(uploads, "ZIP_MAX_UNCOMPRESSED_BYTES", declared)

    assert uploads.check_document(upload(content, "x.docx")) == ".docx"
    monkeypatch.setattr(uploads, "ZIP_MAX_UNCOMPRESSED_BYTES", declared - 1)
    with pytest.raises(ValidationError) as error:
        uploads.check_document(upload(content, "x.docx"))

    assert codes(error) == ["zip_bomb"]


def test_an_archive_that_unpacks_to_more_than_the_ratio_allows_is_a_zip_bomb(monkeypatch):
    content = docx({"zeros.xml": b"0" * 200_000})

    monkeypatch.setattr(uploads, "ZIP_MAX_RATIO", 1000)
    assert uploads.check_document(upload(content, "x.docx")) == ".docx"
    monkeypatch.setattr(uploads, "ZIP_MAX_RATIO", 5)
    with pytest.raises(ValidationError) as error:
        uploads.check_document(upload(content, "x.docx"))

    assert codes(error) == ["zip_bomb"]


def test_an_archive_whose_directory_understates_its_contents_is_a_zip_bomb():
    content = bytearray(docx({"zeros.xml": b"0" * 50_000}))
    # The central directory's "uncompressed size" of the last entry, made to say 10 bytes.
    directory = content.rfind(b"PK\x01\x02")
    content[directory + 24 : directory + 28] = (10).to_bytes(4, "little")

    with pytest.raises(ValidationError) as error:
        uploads.check_document(upload(bytes(content), "x.docx"))

    assert codes(error) in (["zip_bomb"], ["damaged"])


def test_a_zip_that_is_no_office_document_is_refused_as_an_archive():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("notes.txt", "hello")

    with pytest.raises(ValidationError) as error:
        uploads.check_document(upload(out.getvalue(), "x.docx"))

    assert codes(error) == ["archive"]


def test_a_word_part_without_content_types_is_not_an_office_document():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")

    with pytest.raises(ValidationError) as error:
        uploads.check_document(upload(out.getvalue(), "x.docx"))

    assert codes(error) == ["archive"]


@pytest.mark.parametrize(
    ("mimetype", "extension"),
    [(b"application/vnd.oasis.opendocument.text", ".odt"), (b"application/zip", None)],
)
def test_opendocument_is_known_by_its_mimetype_entry(mimetype, extension):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype + b"\n")
        archive.writestr("content.xml", "<office:document-content/>")

    if extension:
        assert uploads.check_document(upload(out.getvalue(), "x.odt")) == extension
    else:
        with pytest.raises(ValidationError):
            uploads.check_document(upload(out.getvalue(), "x.odt"))


def test_removed_if_failed_deletes_the_written_file_and_lets_the_error_through(settings):
    class Holder:
        name = default_storage.save("failed/file.txt", ContentFile(b"x"))
        storage = default_storage

    with pytest.raises(RuntimeError), uploads.removed_if_failed(Holder()):
        raise RuntimeError("the row did not save")

    assert not default_storage.exists(Holder.name)


def test_removed_if_failed_keeps_the_file_when_the_save_succeeds(settings):
    class Holder:
        name = default_storage.save("kept/file.txt", ContentFile(b"x"))
        storage = default_storage

    with uploads.removed_if_failed(Holder()):
        pass

    assert default_storage.exists(Holder.name)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("video", "Send the video with the page's uploader."),
        ("link", "This milestone takes a video link, not a file."),
    ],
)
def test_deliverables_of_kinds_that_take_no_file_are_refused(kind, message):
    with pytest.raises(ValidationError) as error:
        uploads.clean_deliverable_upload(upload(pdf_bytes()), kind)

    with translation.override("en"):
        assert error.value.messages == [message]


def test_deliverables_are_named_by_the_server_under_deliverables():
    document, document_name = uploads.clean_deliverable_upload(upload(pdf_bytes()), "document")
    _image, image_name = uploads.clean_deliverable_upload(upload(image_bytes(), "a.png"), "image")

    assert document_name.startswith("deliverables/") and document_name.endswith(".pdf")
    assert image_name.startswith("deliverables/") and image_name.endswith(".png")
    assert document.read().startswith(b"%PDF-")


def test_oversized_uploads_are_remembered_on_the_request(rf):
    request = rf.post("/")

    uploads.mark_oversized_upload(request, "file")
    uploads.mark_oversized_upload(request, "photo")

    assert uploads.oversized_upload_fields(request) == {"file", "photo"}
    assert uploads.oversized_upload_fields(rf.post("/")) == frozenset()


def test_an_image_is_checked_for_size_before_its_content(settings):
    settings.UPLOAD_MAX_BYTES = len(image_bytes()) - 1

    with pytest.raises(ValidationError) as too_large:
        uploads.check_image(upload(image_bytes(), "a.png"))
    with pytest.raises(ValidationError) as empty:
        uploads.check_image(upload(b"", "a.png"))

    assert (codes(too_large), codes(empty)) == (["too_large"], ["empty"])


def test_a_jpeg_cut_off_in_its_picture_data_is_refused_as_damaged():
    # Pillow's verify() reads a JPEG's headers only: the decode after it is what notices the
    # missing picture data (a survivor of ./dev mutants when that decode was dropped).
    noise = Image.effect_noise((400, 300), 80).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", quality=95)
    whole = buffer.getvalue()
    uploads.check_image(upload(whole, "still.jpg"))  # the whole file passes

    with pytest.raises(ValidationError) as error:
        uploads.check_image(upload(whole[: len(whole) // 2], "still.jpg"))

    assert codes(error) == ["damaged"]


def test_a_png_whose_picture_data_fails_its_checksum_is_refused_as_damaged():
    # Pillow decodes a PNG without checking its chunks' CRCs: verify() is what notices.
    whole = image_bytes()
    idat = whole.index(b"IDAT")
    crc_at = idat + 4 + int.from_bytes(whole[idat - 4 : idat], "big")
    broken = whole[:crc_at] + bytes([whole[crc_at] ^ 0xFF]) + whole[crc_at + 1 :]

    with pytest.raises(ValidationError) as error:
        uploads.check_image(upload(broken, "still.png"))

    assert codes(error) == ["damaged"]


def test_an_image_over_pillows_own_warning_level_is_refused_without_a_warning(settings):
    settings.IMAGE_MAX_PIXELS = 200_000_000  # ours above Pillow's: Pillow's warning decides
    header_only = hostile.png_claiming(10_000, 10_000)  # 100 million pixels, no data

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValidationError) as error:
            uploads.check_image(upload(header_only, "huge.png"))

    assert codes(error) == ["too_many_pixels"]
    assert caught == []


def test_a_photo_taken_sideways_is_stored_upright():
    sideways = Image.new("RGB", (60, 20), (200, 10, 10))
    exif = sideways.getexif()
    exif[0x0112] = 6  # orientation: turn 90° clockwise to view
    out = io.BytesIO()
    sideways.save(out, format="JPEG", exif=exif.tobytes())

    cleaned = uploads.clean_image_upload(upload(out.getvalue(), "phone.jpg"))

    with Image.open(io.BytesIO(cleaned.read())) as stored:
        assert stored.size == (20, 60)
        assert 0x0112 not in stored.getexif()


def test_a_jpeg_is_reencoded_at_quality_92_not_pillows_default():
    expected = io.BytesIO()
    Image.new("RGB", (40, 30)).save(expected, format="JPEG", quality=92)
    with Image.open(expected) as reference:
        quality_92_tables = reference.quantization

    cleaned = uploads.clean_image_upload(upload(image_bytes(40, 30, "JPEG"), "still.jpg"))

    with Image.open(io.BytesIO(cleaned.read())) as stored:
        assert stored.quantization == quality_92_tables


def test_a_document_over_the_size_limit_is_refused_before_its_content(settings):
    settings.UPLOAD_MAX_BYTES = len(pdf_bytes()) - 1

    with pytest.raises(ValidationError) as error:
        uploads.check_document(upload(pdf_bytes(), "script.pdf"))

    assert codes(error) == ["too_large"]


DOCUMENT_KINDS = pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("script.pdf", pdf_bytes(), ".pdf"),
        ("script.docx", docx(), ".docx"),
        ("script.doc", compound_file({"WordDocument": b"\x00" * 64}), ".doc"),
    ],
    ids=["pdf", "docx", "legacy"],
)


@DOCUMENT_KINDS
def test_a_document_already_read_by_the_caller_is_judged_from_its_start(name, content, extension):
    document = upload(content, name)
    document.read()

    assert uploads.check_document(document) == extension


def test_an_image_already_read_by_the_caller_is_checked_and_cleaned_whole():
    picture = upload(image_bytes(30, 20), "still.png")
    picture.read()

    cleaned = uploads.clean_image_upload(picture)

    with Image.open(io.BytesIO(cleaned.read())) as stored:
        assert stored.size == (30, 20)


@DOCUMENT_KINDS
def test_check_document_leaves_the_upload_at_its_start(name, content, extension):
    document = upload(content, name)

    uploads.check_document(document)

    assert document.tell() == 0


@pytest.mark.parametrize(
    ("name", "stored_as"),
    [("budget.xls", ".xls"), ("slides.PPT", ".ppt"), ("notes", ".doc"), ("notes.docx", ".doc")],
)
def test_a_legacy_office_file_keeps_its_claimed_legacy_extension_or_is_a_doc(name, stored_as):
    legacy = compound_file({"WordDocument": b"\x00" * 64})

    assert uploads.check_document(upload(legacy, name)) == stored_as


def test_an_oversized_file_gets_too_large_alone_not_also_required(rf):
    request = rf.post("/")
    uploads.mark_oversized_upload(request, "image")

    form = ImageUploadForm(data={"alt_en": "A still"}, files={}, request=request)

    assert not form.is_valid()
    assert [error.code for error in form.errors.as_data()["image"]] == ["too_large"]
