import io
import shutil
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

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
