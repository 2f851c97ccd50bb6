"""Active content a deliverable may not carry, found by parsing the document rather than by
its name: macros in OpenDocument (a Basic or Scripts folder, an event listener that runs a
script) and in Office Open XML (a VBA project under any name or case, or a content type that
declares one); VBA in legacy Office files, parsed as OLE compound files (olefile); JavaScript,
launch actions and embedded files in PDFs (pypdf). A file that only starts with a signature and
does not parse as that kind is damaged. core.uploads calls these after the signature check."""

from __future__ import annotations

import logging
import zipfile

import olefile
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

MACROS = _("Documents with macros are not accepted: save it without macros.")
ACTIVE_PDF = _(
    "PDFs with scripts, launch actions or embedded files are not accepted: "
    "save or print it as a plain PDF."
)
DAMAGED = _("The document is damaged or incomplete.")

OPENDOCUMENT_SCRIPT_FOLDERS = ("basic/", "scripts/")
OPENDOCUMENT_SCRIPT_MARKERS = (b"script:event-listener", b"vnd.sun.star.script", b"macro:")
OOXML_MACRO_MARKERS = ("vbaproject", "macroenabled", "vbadata", "ms-office.activex")
PDF_ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/Launch", "/EmbeddedFiles", "/EmbeddedFile"})
PDF_ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/ImportData", "/SubmitForm"})
# A real PDF has some thousands of objects; walking more than this is someone's trap.
PDF_MAX_OBJECTS = 200_000


def _macros() -> ValidationError:
    return ValidationError(MACROS, code="macros")


def check_zip_office(archive: zipfile.ZipFile, names: set[str]) -> None:
    lowered = {name.lower() for name in names}
    if any(marker in name for name in lowered for marker in OOXML_MACRO_MARKERS):
        raise _macros()
    if any(name.startswith(OPENDOCUMENT_SCRIPT_FOLDERS) for name in lowered):
        raise _macros()
    for name in names:
        if name.lower() in ("[content_types].xml", "content.xml", "styles.xml"):
            text = archive.read(name).lower()
            if any(marker.encode() in text for marker in OOXML_MACRO_MARKERS) or any(
                marker in text for marker in OPENDOCUMENT_SCRIPT_MARKERS
            ):
                raise _macros()


def check_legacy_office(upload: UploadedFile) -> None:
    try:
        with olefile.OleFileIO(upload) as document:
            paths = ["/".join(path).lower() for path in document.listdir(streams=True)]
    except Exception:  # not a compound file after all: olefile raises many things
        raise ValidationError(DAMAGED, code="damaged") from None
    finally:
        upload.seek(0)
    if any(part in ("vba", "_vba_project", "macros") for path in paths for part in path.split("/")):
        raise _macros()


def check_pdf(upload: UploadedFile) -> None:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files are our refusal
    try:
        reader = PdfReader(upload, strict=False)
        root = reader.trailer["/Root"].get_object()
        if not isinstance(root, DictionaryObject):
            raise TypeError("no catalog")
        active = _has_active_content(reader.trailer)
    except ValidationError:
        raise
    except Exception:  # not a PDF after all: pypdf raises many things
        raise ValidationError(DAMAGED, code="damaged") from None
    finally:
        upload.seek(0)
    if active:
        raise ValidationError(ACTIVE_PDF, code="active_pdf")


def _has_active_content(start) -> bool:
    """Walks every object reachable from the trailer, each once."""
    seen: set[tuple[int, int]] = set()
    pending = [start]
    while pending:
        if len(seen) > PDF_MAX_OBJECTS:
            raise ValidationError(DAMAGED, code="damaged")
        node = pending.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            if PDF_ACTIVE_KEYS & set(node.keys()):
                return True
            if node.get("/S") in PDF_ACTIVE_ACTIONS and isinstance(node.get("/S"), NameObject):
                return True
            pending.extend(node.values())
        elif isinstance(node, ArrayObject):
            pending.extend(node)
    return False
