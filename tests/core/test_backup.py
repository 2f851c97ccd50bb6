import io
import random
import shutil
import tarfile
import tracemalloc
from typing import ClassVar

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.storage import storages
from django.core.management import CommandError, call_command

from core.backup import CHUNK_BYTES
from core.storage import PrivateFileSystemStorage
from films.models import Film, MilestoneSubmission
from tests.factories import FilmFactory, SubmissionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> dict:
    return {
        "films": sorted(Film.objects.values_list("title_en", "poster", "director__name_latin")),
        "submissions": sorted(
            MilestoneSubmission.objects.values_list("film__title_en", "version", "file")
        ),
    }


def test_backup_restores_films_submissions_and_files_into_an_empty_installation(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    film = FilmFactory(title_en="The Cage")
    film.poster.save("cage.jpg", ContentFile(b"poster-bytes"))
    SubmissionFactory(
        film=film,
        milestone__deliverable_kind="document",
        video_url="",
        file=ContentFile(b"%PDF-1.7 confidential", name="deliverables/0a1b2c.pdf"),
    )
    before = snapshot()
    backup = tmp_path / "backup.tar.gz"
    call_command("backup_site", "--output", str(backup))

    call_command("flush", "--noinput")  # this test's own database: an empty installation
    shutil.rmtree(settings.MEDIA_ROOT)
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)
    call_command("restore_site", str(backup))

    assert snapshot() == before
    restored = MilestoneSubmission.objects.get()
    assert restored.file.read() == b"%PDF-1.7 confidential"
    assert Film.objects.get().poster.read() == b"poster-bytes"
    assert not (settings.MEDIA_ROOT / restored.file.name).exists()  # still private
    FilmFactory()  # the id sequences moved past the restored rows


def test_restore_refuses_an_installation_that_has_data(tmp_path):
    FilmFactory()
    backup = tmp_path / "backup.tar.gz"
    call_command("backup_site", "--output", str(backup))

    with pytest.raises(CommandError, match="empty installation"):
        call_command("restore_site", str(backup))


def with_member(backup, name: str, content: bytes = b"planted"):
    """The backup with one more file in it (a tar.gz cannot be appended to: it is rewritten)."""
    planted = backup.with_name("planted.tar.gz")
    with tarfile.open(backup, "r:gz") as source, tarfile.open(planted, "w:gz") as target:
        for member in source.getmembers():
            target.addfile(member, source.extractfile(member))
        info = tarfile.TarInfo(name)
        info.size = len(content)
        target.addfile(info, io.BytesIO(content))
    return planted


def test_restore_refuses_a_path_out_of_its_folder_and_restores_nothing(settings, tmp_path):
    FilmFactory(title_en="The Cage")
    backup = tmp_path / "backup.tar.gz"
    call_command("backup_site", "--output", str(backup))
    planted = with_member(backup, "media/posters/../../../escaped.txt")
    call_command("flush", "--noinput")

    with pytest.raises(CommandError, match="outside the folder"):
        call_command("restore_site", str(planted))

    assert Film.objects.count() == 0  # nothing half-restored
    assert not (tmp_path / "escaped.txt").exists()


class ChunkReadsOnly:
    """A file that refuses a read of everything (`read()`) or of more than one chunk: what a
    storage file of 50 GB would have to be read as."""

    def __init__(self, handle):
        self.handle = handle
        self.largest_read = 0

    def read(self, size=-1):
        if size is None or size < 0 or size > CHUNK_BYTES:
            raise AssertionError(f"read({size}) of a whole file: memory grows with its size")
        self.largest_read = max(self.largest_read, size)
        return self.handle.read(size)

    def __getattr__(self, name):
        return getattr(self.handle, name)


class ChunkReadsOnlyStorage(PrivateFileSystemStorage):
    """The private storage on disk, whose files can only be read a chunk at a time, and which
    reads what it is given to save through the same guard."""

    opened: ClassVar[list[ChunkReadsOnly]] = []

    def open(self, name, mode="rb"):
        handle = ChunkReadsOnly(super().open(name, mode))
        self.opened.append(handle)
        return File(handle, name=name)

    def _save(self, name, content):
        guarded = File(ChunkReadsOnly(content.file), name=content.name)
        guarded.size = content.size
        return super()._save(name, guarded)


@pytest.fixture
def chunk_reads_only(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": f"{__name__}.ChunkReadsOnlyStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    ChunkReadsOnlyStorage.opened = []
    return ChunkReadsOnlyStorage


def peak_python_memory(action) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_backup_streams_a_file_of_many_chunks_and_restores_it_byte_identical(
    settings, tmp_path, chunk_reads_only
):
    master = random.Random(20).randbytes(8 * CHUNK_BYTES + 12_345)
    name = storages["private"].save("deliverables/master.mov", ContentFile(master))
    archive = tmp_path / "backup.tar.gz"

    backup_peak = peak_python_memory(lambda: call_command("backup_site", "--output", str(archive)))
    call_command("flush", "--noinput")
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)
    restore_peak = peak_python_memory(lambda: call_command("restore_site", str(archive)))

    with storages["private"].open(name) as restored:
        assert b"".join(iter(lambda: restored.read(CHUNK_BYTES), b"")) == master
    read = chunk_reads_only.opened[0]
    assert read.largest_read == CHUNK_BYTES
    # The file is 8 MB; holding it whole once (as backups did) would pass 8 MB.
    assert backup_peak < 4 * 1024 * 1024
    assert restore_peak < 4 * 1024 * 1024


class ShrinkingStorage(PrivateFileSystemStorage):
    """A storage whose listing promises a byte more than its file holds: a file being replaced
    while the backup reads it."""

    def size(self, name):
        return super().size(name) + 1


def test_backup_refuses_a_file_that_changes_size_and_leaves_no_archive(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": f"{__name__}.ShrinkingStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    storages["private"].save("deliverables/cut.mov", ContentFile(b"x" * 1000))
    archive = tmp_path / "backup.tar.gz"

    with pytest.raises(CommandError, match="changed size"):
        call_command("backup_site", "--output", str(archive))

    assert not archive.exists()
