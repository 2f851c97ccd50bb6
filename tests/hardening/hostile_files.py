"""Hostile files, built in memory: what an attacker (or a broken phone) would upload."""

import io
import struct
import zipfile
import zlib

from PIL import Image

from tests.factories import image_bytes, pdf_bytes

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def jpeg(width: int = 64, height: int = 48) -> bytes:
    return image_bytes(width, height, "JPEG")


def decompression_bomb() -> bytes:
    """A real 8000 × 8000 PNG of one colour: some tens of kilobytes that decode to 64 MB,
    above our pixel limit and below the level where Pillow itself objects."""
    out = io.BytesIO()
    Image.new("L", (8000, 8000)).save(out, format="PNG", optimize=True)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims these dimensions, with almost no data behind it."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def jpeg_with_html_appended() -> bytes:
    return jpeg() + HTML


def jpeg_with_html_comment() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 10, 10)).save(out, format="JPEG", comment=HTML)
    return out.getvalue()


def html_with_jpeg_header() -> bytes:
    return b"\xff\xd8\xff\xe0" + HTML


def svg_with_script() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.domain)</script></svg>"
    )


def truncated_jpeg() -> bytes:
    return jpeg(400, 300)[:600]


def office_archive(extra: dict[str, bytes] | None = None, *, kind: str = "word") -> bytes:
    entries = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
        "word/document.xml" if kind == "word" else "xl/workbook.xml": b"<document/>",
        **(extra or {}),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A .docx whose one extra part is 60 MB of zeros in about 60 KB."""
    return office_archive({"word/media/padding.bin": b"\x00" * (60 * 1024 * 1024)})


def zip_with_too_many_entries() -> bytes:
    return office_archive({f"word/part{n}.xml": b"" for n in range(2100)})


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.exe", b"MZ" + b"\x00" * 100)
    return out.getvalue()


def docx_with_macros() -> bytes:
    return office_archive({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})


__all__ = ["HTML", "pdf_bytes"]
