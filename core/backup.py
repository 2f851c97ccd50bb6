"""Backups that keep the database and the files together: one .tar.gz holding a JSON dump of
every table the app owns and every file of the public and the private (confidential) storage,
read and written through the storage API, so local folders and S3 buckets back up alike. A backup
restores into an empty installation (migrated, no rows) on SQLite or PostgreSQL alike.

Files are streamed, never held whole: into the archive in reads of at most CHUNK_BYTES from the
storage's file, and out of it through the storage's own chunked save, so a 50 GB master costs
the same memory as a poster. The database dump is the one part built in memory."""

from __future__ import annotations

import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import management
from django.core.files.base import File
from django.core.files.storage import storages
from django.db import connection, transaction

FORMAT_VERSION = 1
# The largest read from a storage file or the archive: memory per file is this, not its size.
CHUNK_BYTES = 1024 * 1024
# Rebuilt by migrations or meaningless in another installation.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class BackupError(Exception):
    pass


def backup_create(*, output: Path) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        _write_archive(output)
    except BaseException:
        output.unlink(missing_ok=True)  # half an archive must not pass for a backup
        raise
    return output


def _write_archive(output: Path) -> None:
    # copybufsize: tarfile copies a member's bytes in reads of this size, never with read().
    with tarfile.open(output, "w:gz", copybufsize=CHUNK_BYTES) as archive:
        _add_bytes(archive, "manifest.json", json.dumps(_manifest()).encode())
        _add_bytes(archive, "database.json", _dump_database())
        for folder_name, storage in _storages().items():
            for name in _walk(storage, ""):
                _add_file(archive, f"{folder_name}/{name}", storage, name)


def backup_restore(*, source: Path) -> None:
    if _installation_has_data():
        raise BackupError("Restore needs an empty installation: this database already has data.")
    with tarfile.open(source, "r:gz", copybufsize=CHUNK_BYTES) as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
        members = {name: _members(archive, name) for name in _storages()}
        dump = archive.extractfile("database.json").read()
        _load_database(dump)
        for folder_name, storage in _storages().items():
            _extract_folder(archive, members[folder_name], storage)


def _manifest() -> dict:
    return {
        "format": FORMAT_VERSION,
        "created_at": datetime.now(tz=UTC).isoformat(),
        "database_vendor": connection.vendor,
    }


def _dump_database() -> bytes:
    out = io.StringIO()
    management.call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        exclude=EXCLUDED,
        stdout=out,
    )
    return out.getvalue().encode()


def _load_database(dump: bytes) -> None:
    with tempfile.NamedTemporaryFile(suffix=".json") as handle:
        handle.write(dump)
        handle.flush()
        with transaction.atomic():
            management.call_command("loaddata", handle.name, verbosity=0)
    _reset_sequences()


def _reset_sequences() -> None:
    """Loaded rows keep their ids; PostgreSQL's sequences must move past them."""
    models = [m for m in apps.get_models() if m._meta.managed]
    statements = connection.ops.sequence_reset_sql(management.color.no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _installation_has_data() -> bool:
    # The models are named in settings (config wires the apps), so core imports none of them.
    return any(
        apps.get_model(label).objects.exists() for label in settings.BACKUP_RESTORE_DATA_MODELS
    )


def _storages() -> dict:
    return {"media": storages["default"], "private": storages["private"]}


def _walk(storage, folder: str) -> Iterator[str]:
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:  # a local storage nothing was ever saved to
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}" if folder else directory)


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(datetime.now(tz=UTC).timestamp())
    archive.addfile(info, io.BytesIO(content))


def _add_file(archive: tarfile.TarFile, member_name: str, storage, name: str) -> None:
    """One stored file copied into the archive as it is read. The size comes from the storage
    first (a tar header precedes the bytes); a file that changes size while it is copied would
    corrupt the archive, so that is refused rather than written."""
    info = tarfile.TarInfo(member_name)
    info.size = storage.size(name)
    info.mtime = int(datetime.now(tz=UTC).timestamp())
    with storage.open(name, "rb") as handle:
        archive.addfile(info, _ExactSize(handle, info.size))


class _ExactSize:
    """A storage file read in the archive's chunks that checks it ends where the header said."""

    def __init__(self, handle, size: int):
        self.handle, self.left = handle, size

    def read(self, size: int) -> bytes:
        wanted = min(size, CHUNK_BYTES, self.left)
        chunk = self.handle.read(wanted)
        while len(chunk) < wanted and (more := self.handle.read(wanted - len(chunk))):
            chunk += more  # a network stream may answer a read with fewer bytes
        self.left -= len(chunk)
        if len(chunk) < wanted or (self.left == 0 and self.handle.read(1)):
            raise BackupError(f"A file changed size while it was backed up: {self.handle.name}")
        return chunk


def _members(archive: tarfile.TarFile, folder_name: str) -> list[tuple[tarfile.TarInfo, str]]:
    """The folder's files with their names in the storage, every one checked before anything is
    restored. The check is ours, not the storage's: a local folder refuses `..`, but an object
    storage bucket has no folders to escape and would write "posters/../x" as the key "x"."""
    prefix = f"{folder_name}/"
    members = []
    for member in archive.getmembers():
        if not member.name.startswith(prefix) or not member.isfile():
            continue
        relative = PurePosixPath(member.name[len(prefix) :])
        if relative.is_absolute() or ".." in relative.parts:
            raise BackupError(f"Refusing a path outside the folder: {member.name}")
        members.append((member, str(relative)))
    return members


def _extract_folder(archive: tarfile.TarFile, members: list, storage) -> None:
    for member, name in members:
        if storage.exists(name):
            storage.delete(name)
        # A File over the archive's member: the storage saves it chunk by chunk (64 KB reads on
        # a local folder, multipart parts on S3); the size is the header's, not a guess.
        content = File(archive.extractfile(member), name=name)
        content.size = member.size
        storage.save(name, content)
