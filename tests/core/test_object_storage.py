"""Posters, thumbnails and confidential deliverables on an S3-compatible server (moto's server
mode, started on a free local port)."""

import hashlib
import subprocess
import sys
import urllib.request

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from core.storage import signed_download_url
from films.models import Film
from films.services import film_set_poster
from tests.conftest import _free_port, _wait_for_port
from tests.factories import FilmFactory, SubmissionFactory, poster_bytes

pytestmark = pytest.mark.django_db

CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait_for_port("127.0.0.1", port, timeout=30)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def object_storage(settings, s3_endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    for bucket in ("talents-public", "talents-private"):
        client.create_bucket(Bucket=bucket)
    common = {
        **CREDENTIALS,
        "endpoint_url": s3_endpoint,
        "file_overwrite": True,
        "signature_version": "s3v4",
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**common, "bucket_name": "talents-public", "querystring_auth": False},
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": "talents-private",
                "querystring_auth": True,
                "querystring_expire": 60,
                "default_acl": "private",
            },
        },
    }
    yield client
    for bucket in ("talents-public", "talents-private"):
        for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
            client.delete_object(Bucket=bucket, Key=item["Key"])
        client.delete_bucket(Bucket=bucket)


def bucket_keys(client, bucket: str) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])}


def test_poster_and_thumbnails_are_stored_in_the_public_bucket(
    object_storage, django_capture_on_commit_callbacks
):
    film = FilmFactory()
    upload = SimpleUploadedFile("p.jpg", poster_bytes(900, 1350), content_type="image/jpeg")

    with django_capture_on_commit_callbacks(execute=True):
        film_set_poster(film=film, upload=upload, alt_en="Poster")

    film = Film.objects.get(pk=film.pk)
    assert film.poster_status == Film.PosterStatus.READY, film.poster_error
    expected = {film.poster.name, *(t["name"] for t in film.poster_thumbnails)}
    assert bucket_keys(object_storage, "talents-public") == expected
    assert len(expected) == 5  # the poster, and 640 and 320 px in two formats


def test_deliverable_is_private_and_handed_out_by_signed_url(object_storage):
    submission = SubmissionFactory(
        milestone__deliverable_kind="document",
        video_url="",
        file=ContentFile(b"%PDF-1.7 rough cut notes", name="deliverables/3f9a.pdf"),
    )
    storage = storages["private"]

    signed = signed_download_url(submission.file, filename="notes.pdf")
    unsigned = signed.split("?", 1)[0]

    assert bucket_keys(object_storage, "talents-private") == {"deliverables/3f9a.pdf"}
    assert bucket_keys(object_storage, "talents-public") == set()
    with urllib.request.urlopen(signed, timeout=5) as response:  # noqa: S310 - local moto server
        assert response.read() == b"%PDF-1.7 rough cut notes"
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=60" in signed
    assert storage.exists("deliverables/3f9a.pdf")
    assert unsigned.endswith("/talents-private/deliverables/3f9a.pdf")


def test_local_private_storage_has_no_url():
    submission = SubmissionFactory(
        milestone__deliverable_kind="document",
        video_url="",
        file=ContentFile(b"%PDF-1.7", name="deliverables/local.pdf"),
    )

    assert signed_download_url(submission.file, filename="local.pdf") is None


def test_deliverable_download_redirects_the_film_team_to_a_signed_url(object_storage, client):
    from django.urls import reverse

    from tests.factories.portal import portal_world

    world = portal_world()
    submission = SubmissionFactory(
        film=world.film,
        milestone=world.document_milestone,
        video_url="",
        file=ContentFile(b"%PDF-1.7 screenplay", name="deliverables/9c1d.pdf"),
        original_filename="剧本 v1.pdf",
    )
    url = reverse("portal:submission_file", kwargs={"submission_id": submission.pk})
    client.force_login(world.director)

    response = client.get(url)
    client.force_login(world.other_cohort_director)
    outsider = client.get(url)

    assert response.status_code == 302
    assert "X-Amz-Signature=" in response["Location"]
    assert "response-content-disposition=attachment" in response["Location"]
    with urllib.request.urlopen(response["Location"], timeout=5) as download:  # noqa: S310
        assert download.read() == b"%PDF-1.7 screenplay"
        assert download.headers["Content-Disposition"].startswith("attachment;")
    assert outsider.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_backup_restores_the_buckets_too(object_storage, tmp_path):
    from django.core.management import call_command

    film = FilmFactory()
    film.poster.save("posters/p.jpg", ContentFile(b"poster"))
    SubmissionFactory(
        film=film,
        milestone__deliverable_kind="document",
        video_url="",
        file=ContentFile(b"%PDF-1.7 cut notes", name="deliverables/77.pdf"),
    )
    before = {
        bucket: bucket_keys(object_storage, bucket)
        for bucket in ("talents-public", "talents-private")
    }
    backup = tmp_path / "backup.tar.gz"
    call_command("backup_site", "--output", str(backup))

    call_command("flush", "--noinput")
    for bucket in before:
        for key in bucket_keys(object_storage, bucket):
            object_storage.delete_object(Bucket=bucket, Key=key)
    call_command("restore_site", str(backup))

    after = {bucket: bucket_keys(object_storage, bucket) for bucket in before}
    assert after == before
    assert storages["private"].open("deliverables/77.pdf").read() == b"%PDF-1.7 cut notes"


def test_video_file_sent_in_chunks_lands_in_the_private_bucket_checked(
    object_storage, client, tmp_path, django_capture_on_commit_callbacks
):
    from films.models import CheckStatus, MilestoneSubmission
    from tests.factories import portal_world
    from tests.portal.test_video_uploads import clip, hand_in, send

    world = portal_world()
    milestone = world.video_file_milestone
    milestone.spec_frame_rates, milestone.spec_audio_channels = "25", "2"
    milestone.save()
    content = clip(tmp_path)
    client.force_login(world.director)
    location = send(client, world, milestone, content)

    with django_capture_on_commit_callbacks(execute=True):
        response = hand_in(client, world, milestone, location)

    assert response.status_code == 302
    submission = MilestoneSubmission.objects.get(milestone=milestone)
    assert bucket_keys(object_storage, "talents-private") == {submission.file.name}
    assert submission.sha256 == hashlib.sha256(content).hexdigest()
    # ffprobe read it from the bucket through a signed URL.
    assert submission.check_status == CheckStatus.PASSED, submission.check_report


def test_sweep_aborts_multipart_uploads_left_unfinished_in_the_private_bucket(
    object_storage, settings
):
    import datetime

    from films.services import deliverable_uploads_sweep

    settings.DELIVERABLE_UPLOAD_STALE_HOURS = 72
    started = object_storage.create_multipart_upload(
        Bucket="talents-private", Key="deliverables/a-dead-process.mov"
    )
    object_storage.upload_part(
        Bucket="talents-private",
        Key="deliverables/a-dead-process.mov",
        UploadId=started["UploadId"],
        PartNumber=1,
        Body=b"x" * 1024,
    )

    # moto dates every multipart upload 2010-11-10 20:48:33 UTC: swept "then", it is fresh.
    kept = deliverable_uploads_sweep(now=datetime.datetime(2010, 11, 11, tzinfo=datetime.UTC))
    aborted = deliverable_uploads_sweep()

    assert (kept, aborted) == (0, 1)
    assert object_storage.list_multipart_uploads(Bucket="talents-private").get("Uploads") is None


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_path_out_of_its_folder_on_object_storage(object_storage, tmp_path):
    # A bucket has no folders to escape, so the storage itself refuses nothing: "posters/../x"
    # would quietly be written as the key "x". The restore refuses it before writing anything.
    from django.core.management import CommandError, call_command

    from tests.core.test_backup import with_member

    FilmFactory()
    backup = tmp_path / "backup.tar.gz"
    call_command("backup_site", "--output", str(backup))
    planted = with_member(backup, "media/posters/../escaped.txt")
    call_command("flush", "--noinput")

    with pytest.raises(CommandError, match="outside the folder"):
        call_command("restore_site", str(planted))

    assert bucket_keys(object_storage, "talents-public") == set()
