"""Files that arrive in pieces: each request's body is appended to a file on disk as it streams
in, a block at a time, so a web process holds one block (BLOCK_BYTES) whatever the file's size,
and a dropped connection keeps every byte that reached the disk (the uploader resumes from
there). Plumbing only: which upload a file belongs to, and who may add to it, is the caller's
business (films.services.deliverables). Also the whole-file SHA-256, streamed the same way.

Not here: the tus protocol's headers (portal.deliverable_views) and object storage multipart
uploads, where the bytes never reach us."""

from __future__ import annotations

import base64
import fcntl
import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Protocol

from django.conf import settings
from django.core.files import File

from core.storage import private_storage

BLOCK_BYTES = 1024 * 1024


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


class ChunkBusy(Exception):
    """Another request is appending to the same file right now."""


def incoming_root() -> Path:
    if settings.DELIVERABLE_INCOMING_ROOT:
        return Path(settings.DELIVERABLE_INCOMING_ROOT)
    try:
        return Path(private_storage().path("incoming"))
    except NotImplementedError:  # object storage: chunks gather on this host's disk first
        return Path(settings.PRIVATE_MEDIA_ROOT) / "incoming"


def incoming_path(token: str) -> Path:
    """The file an upload's chunks go to; the token is ours (a UUID), never the uploader's."""
    return incoming_root() / f"{token}.part"


def incoming_create(token: str) -> Path:
    path = incoming_path(token)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(exist_ok=False)
    return path


def free_bytes() -> int:
    root = incoming_root()
    root.mkdir(parents=True, exist_ok=True)
    return shutil.disk_usage(root).free


@contextmanager
def chunk_lock(path: Path) -> Iterator[BinaryIO]:
    """The file, held for one writer: read the confirmed offset, write and confirm the new one
    inside, so two requests for the same upload cannot interleave. Raises ChunkBusy at once
    rather than wait behind a request that may stream for minutes."""
    with path.open("r+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ChunkBusy from None
        yield handle


def chunk_write(handle: BinaryIO, *, offset: int, body: Readable, length: int) -> int:
    """Write up to `length` bytes of `body` at `offset`; return how many reached the disk: all
    of them or, when the connection dropped, the ones that came before. What lay beyond the
    offset (unconfirmed bytes of an earlier attempt) is cut off first."""
    written = 0
    handle.seek(offset)
    handle.truncate()
    try:
        while written < length:
            block = body.read(min(BLOCK_BYTES, length - written))
            if not block:
                break
            handle.write(block)
            written += len(block)
    except OSError:
        pass  # the client went away: keep what arrived, the uploader asks for the offset
    finally:
        handle.flush()
        os.fsync(handle.fileno())
    return written


def incoming_remove(token: str) -> None:
    incoming_path(token).unlink(missing_ok=True)


def incoming_store(token: str, name: str) -> str:
    """Move a finished upload into the private storage under `name`: a rename when both are on
    the same disk, otherwise streamed into the storage a block at a time."""
    source = incoming_path(token)
    storage = private_storage()
    try:
        target = Path(storage.path(name))
    except NotImplementedError:  # object storage
        with source.open("rb") as handle:
            stored = storage.save(name, File(handle, name=name))
        source.unlink()
        return stored
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)
    except OSError:  # another file system
        shutil.move(source, target)
    return name


def file_sha256(handle: Readable) -> str:
    digest = hashlib.sha256()
    while block := handle.read(BLOCK_BYTES):
        digest.update(block)
    return digest.hexdigest()


def file_sha256_with_parts(handle: Readable, part_bytes: int) -> tuple[str, list[str]]:
    """The whole file's SHA-256 (hex) and, when `part_bytes` is set, each part's (base64, as
    S3's x-amz-checksum-sha256 has it), in one pass a block at a time."""
    if not part_bytes:
        return file_sha256(handle), []
    whole, part, parts, in_part = hashlib.sha256(), hashlib.sha256(), [], 0
    while block := handle.read(min(BLOCK_BYTES, part_bytes - in_part)):
        whole.update(block)
        part.update(block)
        in_part += len(block)
        if in_part == part_bytes:
            parts.append(base64.b64encode(part.digest()).decode())
            part, in_part = hashlib.sha256(), 0
    if in_part:
        parts.append(base64.b64encode(part.digest()).decode())
    return whole.hexdigest(), parts
