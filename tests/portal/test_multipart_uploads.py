"""A video file sent straight from the browser to the private bucket (S3 multipart,
portal.deliverable_views): started after the submission's checks, each part PUT with a real
HTTP client to the URL our server signed with the part's SHA-256, listed to resume, completed,
handed in, then read back by the worker for its SHA-256 and checked by ffprobe. The bucket is
moto's server on localhost (tests/core/test_object_storage.py)."""

import base64
import hashlib
import json
import subprocess
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse

from core import video_probe
from films.models import CheckStatus, DeliverableUpload, MilestoneSubmission
from tests.core.test_object_storage import (  # noqa: F401 - fixtures
    bucket_keys,
    object_storage,
    s3_endpoint,
)
from tests.factories import UserFactory

PART = 5 * 1024 * 1024  # S3's smallest part but the last


@pytest.fixture
def direct(object_storage, settings):  # noqa: F811 - the fixture imported above
    settings.DELIVERABLE_PART_BYTES = PART
    return object_storage


@pytest.fixture(scope="module")
def noisy_clip(tmp_path_factory) -> bytes:
    """One second of lossless H.264 noise with stereo sound: about 12 MB, three parts."""
    path = tmp_path_factory.mktemp("clips") / "noise.mp4"
    subprocess.run(
        [
            "ffmpeg", "-v", "error", "-y",
            "-f", "lavfi", "-i", "nullsrc=s=640x480:r=25,geq=random(1)*255:128:128",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-ac", "2",
            "-t", "1", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0",
            "-pix_fmt", "yuv420p", "-movflags", "+faststart", str(path),
        ],
        check=True,
        timeout=120,
    )  # fmt: skip
    content = Path(path).read_bytes()
    assert 2 * PART < len(content) < 3 * PART
    return content


def sha256_base64(content: bytes) -> str:
    return base64.b64encode(hashlib.sha256(content).digest()).decode()


def start(client, world, milestone, size: int, filename: str = "Master.mp4"):
    url = reverse(
        "portal:multipart_start", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk}
    )
    body = json.dumps({"filename": filename, "size": size})
    return client.post(url, body, content_type="application/json")


def sign(client, started: dict, parts: dict[int, str]):
    body = json.dumps({"parts": {str(number): checksum for number, checksum in parts.items()}})
    return client.post(started["sign"], body, content_type="application/json")


def piece(content: bytes, number: int) -> bytes:
    return content[(number - 1) * PART : number * PART]


def hand_in(client, world, milestone, token: str):
    url = reverse(
        "portal:milestone_submit", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk}
    )
    return client.post(url, {"upload": token, "note": "Picture lock"})


def put_part(client, started: dict, content: bytes, number: int, body: bytes | None = None):
    """Sign part `number` of `content` and PUT it (or other bytes, `body`) to the bucket."""
    checksum = sha256_base64(piece(content, number))
    url = sign(client, started, {number: checksum}).json()["urls"][str(number)]
    data = piece(content, number) if body is None else body
    return requests.put(url, data=data, headers={"x-amz-checksum-sha256": checksum}, timeout=30)


def send_all(client, world, milestone, content: bytes) -> dict:
    started = start(client, world, milestone, len(content)).json()
    for number in range(1, -(-len(content) // PART) + 1):
        assert put_part(client, started, content, number).status_code == 200
    return started


@pytest.fixture
def milestone(world):
    milestone = world.video_file_milestone
    milestone.spec_frame_rates, milestone.spec_audio_channels = "25", "2"
    milestone.save()
    return milestone


def test_parts_sent_to_the_bucket_become_the_checked_submission(
    direct, client, world, milestone, noisy_clip, django_capture_on_commit_callbacks
):
    client.force_login(world.director)
    started = send_all(client, world, milestone, noisy_clip)

    completed = client.post(started["complete"])
    with django_capture_on_commit_callbacks(execute=True):
        response = hand_in(client, world, milestone, started["token"])

    assert completed.status_code == 200
    assert response.status_code == 302
    submission = MilestoneSubmission.objects.get(milestone=milestone)
    assert bucket_keys(direct, "talents-private") == {submission.file.name}
    assert submission.original_filename == "Master.mp4"
    assert submission.sha256 == hashlib.sha256(noisy_clip).hexdigest()
    assert submission.check_status == CheckStatus.PASSED, submission.check_report
    assert len(submission.part_checksums) == 3
    assert not DeliverableUpload.objects.filter(filename="Master.mp4").exists()


def test_start_answers_the_part_size_and_opens_an_upload_in_the_bucket(
    direct, client, world, milestone
):
    client.force_login(world.director)

    response = start(client, world, milestone, 12 * 1024 * 1024)

    assert response.status_code == 201
    answer = response.json()
    assert answer["partBytes"] == PART
    upload = DeliverableUpload.objects.get(token=answer["token"])
    listed = direct.list_multipart_uploads(Bucket="talents-private")["Uploads"]
    assert [(u["Key"], u["UploadId"]) for u in listed] == [(upload.object_key, upload.multipart_id)]
    assert upload.object_key.startswith("deliverables/")
    assert upload.object_key.endswith(".mp4")


def test_each_part_url_is_signed_with_its_checksum(direct, client, world, milestone):
    client.force_login(world.director)
    started = start(client, world, milestone, 12 * 1024 * 1024).json()
    checksum = sha256_base64(b"part one")

    url = sign(client, started, {1: checksum}).json()["urls"]["1"]

    # The checksum header is signed: sent with another one, or without, the signature fails,
    # and under it the bucket refuses other bytes.
    assert "X-Amz-SignedHeaders=host%3Bx-amz-checksum-sha256&" in url
    assert DeliverableUpload.objects.get(token=started["token"]).part_checksums == {"1": checksum}


def test_resume_lists_the_parts_the_bucket_holds_and_continues(
    direct, client, world, milestone, noisy_clip, django_capture_on_commit_callbacks
):
    client.force_login(world.director)
    started = start(client, world, milestone, len(noisy_clip)).json()
    put_part(client, started, noisy_clip, 2)

    # The tab closed: the page names the unfinished upload, the uploader asks what arrived.
    page = client.get(
        reverse("portal:milestone", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk})
    )
    listed = client.get(started["parts"]).json()
    for number in (1, 3):
        put_part(client, started, noisy_clip, number)
    client.post(started["complete"])
    with django_capture_on_commit_callbacks(execute=True):
        hand_in(client, world, milestone, started["token"])

    assert f'data-resume-parts="{started["parts"]}"' in page.content.decode()
    assert listed["done"] == [{"number": 2, "size": PART}]
    assert listed["finished"] is False
    assert listed["complete"] == started["complete"]
    submission = MilestoneSubmission.objects.get(milestone=milestone)
    assert submission.sha256 == hashlib.sha256(noisy_clip).hexdigest()


def test_complete_is_refused_while_a_part_is_missing(direct, client, world, milestone, noisy_clip):
    client.force_login(world.director)
    started = start(client, world, milestone, len(noisy_clip)).json()
    put_part(client, started, noisy_clip, 1)
    put_part(client, started, noisy_clip, 3)

    response = client.post(started["complete"])

    assert response.status_code == 409
    assert response.json() == {"error": "Some pieces of the file have not arrived yet."}
    assert direct.list_multipart_uploads(Bucket="talents-private")["Uploads"]
    assert bucket_keys(direct, "talents-private") == set()


def test_a_part_whose_bytes_differ_from_its_checksum_marks_the_file_damaged(
    direct, client, world, milestone, noisy_clip, django_capture_on_commit_callbacks
):
    # S3 refuses such a PUT (BadDigest); moto's server (5.2) does not check part checksums,
    # so here the corrupted part is stored and the worker reading the file back finds it.
    client.force_login(world.director)
    started = start(client, world, milestone, len(noisy_clip)).json()
    corrupted = bytearray(piece(noisy_clip, 2))
    corrupted[100_000] ^= 0xFF
    put_part(client, started, noisy_clip, 1)
    put_part(client, started, noisy_clip, 2, body=bytes(corrupted))
    put_part(client, started, noisy_clip, 3)
    client.post(started["complete"])

    with django_capture_on_commit_callbacks(execute=True):
        hand_in(client, world, milestone, started["token"])

    submission = MilestoneSubmission.objects.get(milestone=milestone)
    assert submission.check_status == CheckStatus.DAMAGED
    assert submission.check_report["reason"] == "parts_differ"
    assert submission.check_report["parts"] == [2]
    assert submission.sha256 != hashlib.sha256(noisy_clip).hexdigest()


@pytest.mark.parametrize(
    "parts",
    [
        {1: "not base64!"},
        {1: base64.b64encode(b"short").decode()},
        {4: sha256_base64(b"x")},  # a 12 MB file has three parts
        {0: sha256_base64(b"x")},
    ],
)
def test_sign_refuses_a_part_described_wrongly(direct, client, world, milestone, parts):
    client.force_login(world.director)
    started = start(client, world, milestone, 12 * 1024 * 1024).json()

    response = sign(client, started, parts)

    assert response.status_code == 400
    assert response.json() == {"error": "The uploader described a piece of the file wrongly."}


def test_start_refuses_a_file_over_the_limit_with_a_message(direct, client, world, milestone):
    milestone.max_upload_bytes = 1024**3
    milestone.save()
    client.force_login(world.director)

    response = start(client, world, milestone, 2 * 1024**3)

    assert response.status_code == 400
    assert response.json() == {"error": "The file is too large: the limit is 1 GB."}
    assert direct.list_multipart_uploads(Bucket="talents-private").get("Uploads") is None


@pytest.mark.parametrize("body", [b"", b"[1]", b"{not json", b'{"size": "12"}', b'{"size": true}'])
def test_start_refuses_a_body_it_cannot_read(direct, client, world, milestone, body):
    client.force_login(world.director)
    url = reverse(
        "portal:multipart_start", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk}
    )

    response = client.post(url, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"error": "The uploader did not say how large the file is."}


def test_someone_else_reaches_neither_start_nor_the_upload(direct, client, world, milestone):
    client.force_login(world.director)
    started = start(client, world, milestone, 12 * 1024 * 1024).json()
    client.force_login(UserFactory())

    answers = [
        start(client, world, milestone, 12 * 1024 * 1024).status_code,
        sign(client, started, {1: sha256_base64(b"x")}).status_code,
        client.get(started["parts"]).status_code,
        client.post(started["complete"]).status_code,
        client.post(started["abort"]).status_code,
    ]

    assert answers == [404, 404, 404, 404, 404]
    assert DeliverableUpload.objects.get(token=started["token"]).part_checksums == {}
    assert len(direct.list_multipart_uploads(Bucket="talents-private")["Uploads"]) == 1


def test_abort_gives_the_parts_up_in_the_bucket(
    direct, client, world, milestone, noisy_clip, django_capture_on_commit_callbacks
):
    client.force_login(world.director)
    started = start(client, world, milestone, len(noisy_clip)).json()
    put_part(client, started, noisy_clip, 1)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(started["abort"])

    assert response.status_code == 204
    assert not DeliverableUpload.objects.filter(filename="Master.mp4").exists()
    assert direct.list_multipart_uploads(Bucket="talents-private").get("Uploads") is None


def test_the_page_offers_the_direct_path_only_with_object_storage(
    client, world, milestone, settings
):
    client.force_login(world.director)
    url = reverse(
        "portal:milestone", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk}
    )

    page = client.get(url).content.decode()

    assert "data-multipart=" not in page
    assert 'data-endpoint="' in page


def test_the_page_on_object_storage_names_the_multipart_endpoint(direct, client, world, milestone):
    client.force_login(world.director)
    url = reverse(
        "portal:milestone", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk}
    )
    start_url = reverse(
        "portal:multipart_start", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk}
    )

    page = client.get(url).content.decode()

    assert f'data-multipart="{start_url}"' in page


def test_start_on_a_local_disk_is_refused_with_a_message(client, world, milestone):
    client.force_login(world.director)

    response = start(client, world, milestone, 12 * 1024 * 1024)

    assert response.status_code == 400
    assert response.json() == {"error": "This server takes the file in chunks, not in parts."}
    assert not DeliverableUpload.objects.filter(filename="Master.mp4").exists()


def test_the_worker_reads_the_master_through_a_url_that_outlives_its_reading(
    direct, client, world, milestone, noisy_clip, django_capture_on_commit_callbacks
):
    # The private storage signs for 60 s here (a few minutes in production): reading every
    # packet of a 50 GB master takes far longer, so the worker's URL is signed for hours.
    client.force_login(world.director)
    started = send_all(client, world, milestone, noisy_clip)
    client.post(started["complete"])
    read = []
    real = video_probe.file_is_whole

    def whole(source, size):
        read.append(str(source))
        return real(source, size)

    with (
        mock.patch.object(video_probe, "file_is_whole", whole),
        django_capture_on_commit_callbacks(execute=True),
    ):
        hand_in(client, world, milestone, started["token"])

    query = parse_qs(urlsplit(read[0]).query)
    assert query["X-Amz-Expires"] == [str(6 * 3600)]
    assert MilestoneSubmission.objects.get(milestone=milestone).check_status == CheckStatus.PASSED
