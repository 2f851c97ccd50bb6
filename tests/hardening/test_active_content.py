"""Documents with active content are not deliverables (issue 15, Medium 6): macros in
OpenDocument and OOXML found case-insensitively and by content type, legacy Office files parsed
as OLE with their VBA streams refused, PDFs parsed with JavaScript, launch actions and embedded
files refused; a file that only starts with a signature is refused as damaged."""

import io
import logging
import zipfile

import olefile
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.uploads import check_document
from tests.factories import pdf_bytes
from tests.hardening.hostile_files import HTML, office_archive

MACROS = "Documents with macros are not accepted"
ACTIVE_PDF = "PDFs with scripts"
DAMAGED = "The document is damaged or incomplete."
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refusal(name: str, content: bytes) -> str:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        check_document(SimpleUploadedFile(name, content))
    with translation.override("en"):
        return " ".join(caught.value.messages)


def opendocument(extra: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", extra.pop("content.xml", b"<office:document-content/>"))
        archive.writestr("META-INF/manifest.xml", b"<manifest/>")
        for name, content in extra.items():
            archive.writestr(name, content)
    return out.getvalue()


def pdf_with(catalog_extra: str, *objects: str) -> bytes:
    return pdf_bytes(catalog_extra=catalog_extra, objects=objects)


def test_opendocument_with_a_basic_macro_and_an_autorun_event_is_refused():
    content = (
        b"<office:document-content><office:event-listeners><script:event-listener "
        b'script:event-name="dom:load" xlink:href="vnd.sun.star.script:Standard.Module1.Main'
        b'?language=Basic&amp;location=document"/></office:event-listeners>'
        b"</office:document-content>"
    )
    document = opendocument(
        {"content.xml": content, "Basic/Standard/Module1.xml": b"<script:module/>"}
    )

    assert MACROS in refusal("notes.odt", document)


def test_opendocument_with_only_a_basic_folder_in_another_case_is_refused():
    document = opendocument({"basic/standard/module1.xml": b"<script:module/>"})

    assert MACROS in refusal("notes.odt", document)


def test_plain_opendocument_passes():
    assert check_document(SimpleUploadedFile("notes.odt", opendocument({}))) == ".odt"


@pytest.mark.parametrize("name", ["word/vbaProject.bin", "word/VBAPROJECT.BIN"])
def test_docx_with_a_vba_project_in_any_case_is_refused(name):
    assert MACROS in refusal("macro.docx", office_archive({name: b"vba"}))


def test_docx_whose_content_types_declare_macros_is_refused():
    types = (
        b'<?xml version="1.0"?><Types><Override PartName="/word/macros.bin" '
        b'ContentType="application/vnd.ms-office.vbaProject"/></Types>'
    )
    archive = office_archive({"[Content_Types].xml": types, "word/macros.bin": b"vba"})

    assert MACROS in refusal("macro.docx", archive)


def test_legacy_office_that_is_the_ole_signature_then_html_and_an_executable_is_refused():
    content = OLE_SIGNATURE + HTML + b"MZ" + b"\x00" * 600

    assert DAMAGED in refusal("notes.doc", content)


def test_legacy_office_with_a_vba_stream_is_refused(tmp_path):
    assert MACROS in refusal("notes.doc", legacy_office(vba=True))


def test_legacy_office_without_macros_passes():
    assert check_document(SimpleUploadedFile("notes.doc", legacy_office(vba=False))) == ".doc"


def legacy_office(*, vba: bool) -> bytes:
    """A minimal OLE compound file holding a WordDocument stream (and a Macros/VBA storage)."""
    from tests.hardening.ole_files import compound_file

    streams = {"WordDocument": b"\x00" * 64}
    if vba:
        streams["Macros/VBA/dir"] = b"\x00" * 64
    content = compound_file(streams)
    assert olefile.isOleFile(io.BytesIO(content))
    return content


def test_pdf_that_is_the_signature_then_html_is_refused():
    assert DAMAGED in refusal("script.pdf", b"%PDF-1.4\n" + HTML)


@pytest.mark.parametrize(
    ("catalog", "objects"),
    [
        ("/OpenAction 4 0 R", ["<< /S /JavaScript /JS (app.alert(1)) >>"]),
        ("/Names << /JavaScript 4 0 R >>", ["<< /Names [(a) << /S /JavaScript /JS (x) >>] >>"]),
        ("/OpenAction 4 0 R", ["<< /S /Launch /F (cmd.exe) >>"]),
        ("/Names << /EmbeddedFiles 4 0 R >>", ["<< /Names [(a.exe) 5 0 R] >>", "<< /F (a) >>"]),
        ("/AA << /O << /S /JavaScript /JS (x) >> >>", []),
    ],
    ids=["open-action-js", "names-js", "launch", "embedded-file", "additional-action"],
)
def test_pdf_with_active_content_is_refused(catalog, objects):
    assert ACTIVE_PDF in refusal("script.pdf", pdf_with(catalog, *objects))


def test_plain_pdfs_pass():
    assert check_document(SimpleUploadedFile("script.pdf", pdf_with(""))) == ".pdf"
    assert check_document(SimpleUploadedFile("script.pdf", pdf_bytes())) == ".pdf"


def test_a_link_to_a_web_page_is_not_active_content():
    link = pdf_with("/OpenAction 4 0 R", "<< /S /URI /URI (https://bjiff.example/) >>")

    assert check_document(SimpleUploadedFile("script.pdf", link)) == ".pdf"


def test_javascript_reached_through_an_array_is_refused():
    form = pdf_with("/AcroForm << /Fields [4 0 R] >>", "<< /FT /Btn /A << /S /JavaScript >> >>")

    assert ACTIVE_PDF in refusal("script.pdf", form)


def with_startxref(pdf: bytes, offset: int) -> bytes:
    """The same PDF, its startxref pointing at `offset` instead of its cross-reference table."""
    return pdf[: pdf.rindex(b"startxref\n")] + f"startxref\n{offset}\n%%EOF\n".encode()


def test_a_pdf_whose_startxref_is_off_is_repaired_and_accepted():
    # Many PDF writers get the offsets wrong; pypdf (tolerant mode) rebuilds the table from the
    # objects, as every PDF reader does. A strict reader would refuse it as a broken xref.
    shifted = with_startxref(pdf_bytes(), 7)

    assert check_document(SimpleUploadedFile("script.pdf", shifted)) == ".pdf"


def test_a_repaired_pdf_is_still_walked_for_active_content():
    shifted = with_startxref(pdf_with("/OpenAction 4 0 R", "<< /S /JavaScript /JS (x) >>"), 7)

    assert ACTIVE_PDF in refusal("script.pdf", shifted)


def test_a_pdf_cut_off_before_its_trailer_is_refused_as_damaged():
    whole = pdf_bytes()

    assert DAMAGED in refusal("script.pdf", whole[: whole.index(b"xref")])


def test_a_damaged_pdf_leaves_no_pypdf_warnings_in_the_log(caplog):
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.NOTSET)
    try:
        with caplog.at_level(logging.WARNING):
            check_document(SimpleUploadedFile("script.pdf", with_startxref(pdf_bytes(), 7)))
    finally:
        pypdf_logger.setLevel(level)

    assert [record.name for record in caplog.records if record.name.startswith("pypdf")] == []
