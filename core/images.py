"""Resized copies of an image at several widths, in WebP and JPEG. Large JPEGs are decoded at a
reduced scale (`draft`) before anything loads the full picture, which is what keeps a 24-megapixel
poster fast and small in memory."""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from PIL import Image, UnidentifiedImageError

THUMBNAIL_FORMATS = (
    ("webp", "WEBP", {"quality": 80, "method": 4}),
    ("jpeg", "JPEG", {"quality": 85}),
)
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")


class ImageUnreadable(Exception):
    """The stored file is not an image we can read; the message is shown to staff."""


@dataclass(frozen=True)
class Thumbnail:
    width: int
    height: int
    format: str
    name: str
    bytes: int

    def as_dict(self) -> dict:
        return asdict(self)


def thumbnail_name(source_name: str, width: int, extension: str) -> str:
    """Deterministic: the same source and width always give the same name, so a re-run
    overwrites instead of piling up copies."""
    stem = source_name.rsplit(".", 1)[0]
    folder, _, base = stem.rpartition("/")
    return (
        f"{folder}/thumbs/{base}-{width}w.{extension}"
        if folder
        else f"thumbs/{base}-{width}w.{extension}"
    )


def make_thumbnails(
    storage: Storage, source_name: str, widths: tuple[int, ...]
) -> tuple[tuple[int, int], list[Thumbnail]]:
    """Write the thumbnails of `source_name`; return the source's size and what was written."""
    try:
        with (
            storage.open(source_name, "rb") as handle,
            Image.open(handle, formats=ACCEPTED_FORMATS) as image,
        ):
            original_size = image.size
            targets = _target_widths(original_size[0], widths)
            largest = _scaled(image, targets[0])
            results = []
            for width in targets:
                copy = (
                    largest
                    if width == targets[0]
                    else largest.resize(
                        (width, round(largest.height * width / largest.width)),
                        Image.Resampling.LANCZOS,
                    )
                )
                results.extend(_save_formats(storage, source_name, copy))
    except (UnidentifiedImageError, Image.DecompressionBombError) as error:
        raise ImageUnreadable("The poster is not a JPEG, PNG or WebP image.") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageUnreadable(f"The poster file is damaged: {error}") from error
    return original_size, results


def _target_widths(original_width: int, widths: tuple[int, ...]) -> list[int]:
    fitting = sorted((w for w in widths if w <= original_width), reverse=True)
    return fitting or [original_width]


def _scaled(image: Image.Image, width: int) -> Image.Image:
    height = max(1, round(image.height * width / image.width))
    # draft() lets the JPEG decoder skip detail we would throw away (a no-op for other formats).
    image.draft("RGB", (width, height))
    image = image.convert(
        "RGBA" if image.mode in ("RGBA", "LA", "P") and _has_alpha(image) else "RGB"
    )
    if image.width != width:
        image = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return image


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA") or "transparency" in image.info


def _save_formats(storage: Storage, source_name: str, image: Image.Image) -> list[Thumbnail]:
    written = []
    for extension, pil_format, options in THUMBNAIL_FORMATS:
        out = io.BytesIO()
        picture = image.convert("RGB") if pil_format == "JPEG" and image.mode != "RGB" else image
        picture.save(out, format=pil_format, **options)
        name = thumbnail_name(source_name, image.width, extension)
        if storage.exists(name):
            storage.delete(name)
        stored = storage.save(name, ContentFile(out.getvalue()))
        written.append(Thumbnail(image.width, image.height, extension, stored, out.tell()))
    return written
