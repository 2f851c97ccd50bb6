"""A video file in resumable chunks (the tus protocol, portal.deliverable_views): created after
the submission's checks, appended chunk by chunk, resumed from the confirmed offset after a
dropped connection, handed in through milestone_submit (version, window, notifications), then
its SHA-256 and technical check in workers. Clips are made by ffmpeg in the test."""

import base64
import hashlib
import io
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from core.chunked_uploads import incoming_path
from films.models import CheckStatus, DeliverableUpload, MilestoneSubmission
from tests.factories import MilestoneFactory, SubmissionFactory, pdf_bytes

TUS = {"Tus-Resumable": "1.0.0"}


def ffmpeg(path: Path, *arguments: str) -> Path:
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", *arguments, str(path)],
        check=True,
        timeout=120,
    )
    return path


def clip(
    folder: Path,
    name: str = "cut.mp4",
    *,
    rate: int = 25,
    audio: bool = True,
    seconds: int = 1,
    size: str = "320x240",
) -> bytes:
    """`seconds` of H.264 at `size` and `rate` fps, with stereo sound unless told otherwise."""
    sound = ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-ac", "2"]
    path = ffmpeg(
        folder / name,
        "-f", "lavfi", "-i", f"testsrc=size={size}:rate={rate}", *(sound if audio else []),
        "-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-movflags", "+faststart",
    )  # fmt: skip
    return path.read_bytes()


def sound_only(folder: Path) -> bytes:
    return ffmpeg(folder / "sound.m4a", "-f", "lavfi", "-i", "sine", "-t", "1").read_bytes()


@pytest.fixture
def milestone(world):
    """The world's video file milestone with a delivery spec the clips can meet."""
    milestone = world.video_file_milestone
    milestone.spec_video_codecs = "h264, prores"
    milestone.spec_min_width, milestone.spec_min_height = 320, 240
    milestone.spec_frame_rates = "24, 25"
    milestone.spec_audio_channels = "2, 6"
    milestone.spec_max_seconds = 1800
    milestone.save()
    return milestone


def create(client, world, milestone, size: int, filename: str = "Rough cut.mp4"):
    url = reverse(
        "portal:upload_create", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk}
    )
    metadata = "filename " + base64.b64encode(filename.encode()).decode()
    return client.post(
        url, headers={**TUS, "Upload-Length": str(size), "Upload-Metadata": metadata}
    )


def patch(client, location: str, offset: int, body, length: int):
    """A chunk whose body is read from `body` (a file-like object) as the server streams it."""
    return client.generic(
        "PATCH",
        location,
        headers={**TUS, "Upload-Offset": str(offset)},
        **{
            "wsgi.input": body,
            "CONTENT_LENGTH": str(length),
            "CONTENT_TYPE": "application/offset+octet-stream",
        },
    )


def send(client, world, milestone, content: bytes, chunk: int = 10_000) -> str:
    """Create an upload and send all of `content`; return its address."""
    location = create(client, world, milestone, len(content))["Location"]
    for start in range(0, len(content), chunk):
        piece = content[start : start + chunk]
        assert patch(client, location, start, io.BytesIO(piece), len(piece)).status_code == 204
    return location


def hand_in(client, world, milestone, location: str, note: str = "Picture lock"):
    url = reverse(
        "portal:milestone_submit", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk}
    )
    return client.post(url, {"upload": location.rstrip("/").rsplit("/", 1)[1], "note": note})


class DroppedConnection(io.BytesIO):
    """A body whose connection drops after `keep` bytes."""

    def __init__(self, content: bytes, keep: int) -> None:
        super().__init__(content)
        self.keep = keep

    def read(self, size: int = -1) -> bytes:
        if self.tell() >= self.keep:
            raise ConnectionResetError("the client went away")
        return super().read(min(size, self.keep - self.tell()))


def test_upload_resumes_from_the_confirmed_offset_and_becomes_a_checked_submission(
    client, world, milestone, tmp_path, django_capture_on_commit_callbacks
):
    content = clip(tmp_path)
    client.force_login(world.director)
    location = create(client, world, milestone, len(content))["Location"]

    dropped = patch(client, location, 0, DroppedConnection(content, 7000), len(content))
    head = client.head(location, headers=TUS)
    rest = patch(client, location, 7000, io.BytesIO(content[7000:]), len(content) - 7000)
    with django_capture_on_commit_callbacks(execute=True):
        response = hand_in(client, world, milestone, location)

    assert dropped["Upload-Offset"] == "7000"
    assert (head.status_code, head["Upload-Offset"], head["Upload-Length"]) == (
        200,
        "7000",
        str(len(content)),
    )
    assert rest["Upload-Offset"] == str(len(content))
    assert response.status_code == 302
    submission = MilestoneSubmission.objects.get(milestone=milestone)
    assert (submission.version, submission.original_filename) == (1, "Rough cut.mp4")
    assert submission.file.read() == content
    assert submission.sha256 == hashlib.sha256(content).hexdigest()
    assert submission.check_status == CheckStatus.PASSED
    assert [line["line"] for line in submission.check_report["lines"]] == [
        "video_codec",
        "resolution",
        "frame_rate",
        "audio_channels",
        "duration",
        "complete",
    ]
    token = location.rstrip("/").rsplit("/", 1)[1]
    assert not DeliverableUpload.objects.filter(token=token).exists()
    assert not incoming_path(token).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.producer.email, world.panel_member.email]
    )


def test_reviewer_sees_checksum_and_each_spec_line(
    client, world, milestone, tmp_path, django_capture_on_commit_callbacks
):
    content = clip(tmp_path, rate=30, audio=False)
    client.force_login(world.director)
    location = send(client, world, milestone, content)
    with django_capture_on_commit_callbacks(execute=True):
        hand_in(client, world, milestone, location)
    client.force_login(world.producer)

    page = client.get(
        reverse("portal:milestone", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk})
    ).content.decode()

    submission = MilestoneSubmission.objects.get(milestone=milestone)
    assert submission.check_status == CheckStatus.FAILED
    passed = {line["line"]: line["passed"] for line in submission.check_report["lines"]}
    assert passed == {
        "video_codec": True,
        "resolution": True,
        "frame_rate": False,
        "audio_channels": False,
        "duration": True,
        "complete": True,
    }
    assert hashlib.sha256(content).hexdigest() in page
    assert "Does not meet the delivery spec" in page
    assert page.count("✗ Fail") == 2


def test_truncated_file_is_marked_damaged(
    client, world, milestone, tmp_path, django_capture_on_commit_callbacks
):
    whole = clip(tmp_path)
    cut = whole[: len(whole) * 2 // 3]  # the index at the start still describes it all
    client.force_login(world.director)
    location = send(client, world, milestone, cut)

    with django_capture_on_commit_callbacks(execute=True):
        hand_in(client, world, milestone, location)

    submission = MilestoneSubmission.objects.get(milestone=milestone)
    assert submission.check_status == CheckStatus.DAMAGED
    assert submission.check_report["lines"][-1] == {
        "line": "complete",
        "expected": "",
        "actual": "",
        "passed": False,
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (lambda folder: sound_only(folder), "This file has no video in it"),
        (lambda folder: pdf_bytes(3000), "This is not a video file we can read"),
        (lambda folder: clip(folder)[:-4000].replace(b"moov", b"xxxx"), "not a video file"),
    ],
    ids=["sound-only", "a-document", "corrupt"],
)
def test_not_a_video_is_refused_with_a_message_and_nothing_saved(
    client, world, milestone, tmp_path, content, message, private_files
):
    client.force_login(world.director)
    location = send(client, world, milestone, content(tmp_path))

    response = hand_in(client, world, milestone, location)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MilestoneSubmission.objects.filter(milestone=milestone).exists()
    # The upload stays, so the director sees what happened; the sweep deletes it later.
    assert [name for name in private_files() if name.startswith("deliverables/")] == []


def test_upload_over_the_milestone_limit_is_refused_before_any_byte(client, world, milestone):
    milestone.max_upload_bytes = 5 * 1024**3
    milestone.save()
    client.force_login(world.director)

    response = create(client, world, milestone, 5 * 1024**3 + 1)

    assert response.status_code == 400
    assert response.content.decode() == "The file is too large: the limit is 5 GB."
    assert DeliverableUpload.objects.filter(milestone=milestone).count() == 1  # the world's


def test_upload_for_a_locked_milestone_is_refused(client, world, milestone):
    milestone.requires.add(world.document_milestone)
    client.force_login(world.director)

    response = create(client, world, milestone, 1000)

    assert response.status_code == 400
    assert response.content.decode().startswith("Opens when these are approved:")


def test_upload_for_an_approved_milestone_is_refused(client, world, milestone):
    SubmissionFactory(
        film=world.film,
        milestone=milestone,
        video_url="",
        file="deliverables/x.mp4",
        status=MilestoneSubmission.Status.APPROVED,
    )
    client.force_login(world.director)

    response = create(client, world, milestone, 1000)

    assert response.status_code == 400
    assert "approved and locked" in response.content.decode()


def test_upload_for_a_document_milestone_is_refused(client, world):
    client.force_login(world.director)

    response = create(client, world, world.document_milestone, 1000)

    assert response.status_code == 400
    assert response.content.decode() == "This milestone does not take a video file."


def test_chunk_at_the_wrong_offset_is_refused_and_changes_nothing(client, world, milestone):
    client.force_login(world.director)
    location = create(client, world, milestone, 100)["Location"]

    response = patch(client, location, 10, io.BytesIO(b"x" * 10), 10)

    assert response.status_code == 409
    assert client.head(location)["Upload-Offset"] == "0"


def test_chunk_past_the_announced_end_is_refused(client, world, milestone):
    client.force_login(world.director)
    location = create(client, world, milestone, 100)["Location"]

    response = patch(client, location, 0, io.BytesIO(b"x" * 101), 101)

    assert response.status_code == 400
    assert client.head(location)["Upload-Offset"] == "0"


def test_chunk_in_another_content_type_is_refused(client, world, milestone):
    client.force_login(world.director)
    location = create(client, world, milestone, 100)["Location"]

    response = client.generic("PATCH", location, b"x" * 10, content_type="text/plain")

    assert response.status_code == 415


def test_another_director_cannot_touch_the_upload(client, world, milestone):
    client.force_login(world.director)
    location = create(client, world, milestone, 100)["Location"]
    client.force_login(world.same_cohort_director)

    answers = [
        client.head(location).status_code,
        patch(client, location, 0, io.BytesIO(b"x" * 10), 10).status_code,
        client.delete(location).status_code,
    ]

    assert answers == [404, 404, 404]
    assert DeliverableUpload.objects.get(token=location.rstrip("/").rsplit("/", 1)[1]).offset == 0


def test_someone_elses_upload_cannot_be_handed_in(client, world, milestone, tmp_path):
    client.force_login(world.director)
    location = send(client, world, milestone, clip(tmp_path))
    other = MilestoneFactory(cohort=world.other_cohort, deliverable_kind="video")
    DeliverableUpload.objects.filter(milestone=milestone).update(milestone=other)

    response = hand_in(client, world, milestone, location)

    assert response.status_code == 400
    assert "Choose the file and wait until it is uploaded." in response.content.decode()
    assert not MilestoneSubmission.objects.filter(milestone=milestone).exists()


def test_cancelled_upload_is_gone_with_its_file(
    client, world, milestone, django_capture_on_commit_callbacks
):
    client.force_login(world.director)
    location = create(client, world, milestone, 100)["Location"]
    token = location.rstrip("/").rsplit("/", 1)[1]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(location, headers=TUS)

    assert response.status_code == 204
    assert not DeliverableUpload.objects.filter(token=token).exists()
    assert not incoming_path(token).exists()


def test_milestone_page_offers_to_continue_an_unfinished_upload(client, world, milestone):
    client.force_login(world.director)

    page = client.get(
        reverse("portal:milestone", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk})
    ).content.decode()

    assert "An upload of “cut.mov” stopped at 40%." in page
    assert reverse("portal:upload", kwargs={"token": world.upload.token}) in page
    assert "js/deliverable-upload.js" in page


def test_refusal_speaks_the_directors_language(client, world, milestone, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    client.force_login(world.director)

    response = create(client, world, world.document_milestone, 1000)

    assert response.content.decode() == "此里程碑不接收视频文件。"


@pytest.mark.parametrize(
    ("target", "passed", "status"),
    [("-22", True, CheckStatus.PASSED), ("-16", False, CheckStatus.FAILED)],
)
def test_loudness_asked_by_the_milestone_is_measured_and_shown(
    client, world, milestone, tmp_path, django_capture_on_commit_callbacks, target, passed, status
):
    # The clip's tone measures about -21.8 LUFS: within -22 ± 1, far from -16 ± 1.
    milestone.spec_loudness_lufs = Decimal(target)
    milestone.save()
    content = clip(tmp_path, seconds=2)
    client.force_login(world.director)
    location = send(client, world, milestone, content)
    with django_capture_on_commit_callbacks(execute=True):
        hand_in(client, world, milestone, location)

    submission = MilestoneSubmission.objects.get(milestone=milestone)
    line = next(line for line in submission.check_report["lines"] if line["line"] == "loudness")
    page = client.get(
        reverse("portal:milestone", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk})
    ).content.decode()

    assert submission.check_status == status
    assert (line["expected"], line["passed"]) == (f"{target} ± 1 LUFS", passed)
    assert -23 < float(line["actual"].removesuffix(" LUFS")) < -21
    assert "Loudness" in page and line["actual"] in page
    assert f"Loudness {target}.0 ± 1.0 LUFS" in page  # the spec shown beside the uploader


def token_of(location: str) -> str:
    return location.rstrip("/").rsplit("/", 1)[1]


def test_handing_in_one_upload_leaves_the_other_uploads_alone(
    client, world, milestone, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(world.director)
    location = send(client, world, milestone, clip(tmp_path))

    with django_capture_on_commit_callbacks(execute=True):
        response = hand_in(client, world, milestone, location)

    assert response.status_code == 302
    assert not DeliverableUpload.objects.filter(token=token_of(location)).exists()
    assert DeliverableUpload.objects.filter(pk=world.upload.pk).exists()  # half sent, kept


def test_an_upload_handed_in_to_a_milestone_approved_meanwhile_stays_to_be_used_later(
    client, world, milestone, tmp_path
):
    client.force_login(world.director)
    location = send(client, world, milestone, clip(tmp_path))
    SubmissionFactory(
        film=world.film,
        milestone=milestone,
        video_url="",
        file="deliverables/x.mp4",
        status=MilestoneSubmission.Status.APPROVED,
    )

    response = hand_in(client, world, milestone, location)

    assert response.status_code == 400
    assert "approved and locked" in response.content.decode()
    assert DeliverableUpload.objects.filter(token=token_of(location)).exists()
    assert incoming_path(token_of(location)).exists()


def test_an_upload_handed_in_to_a_milestone_locked_meanwhile_stays_to_be_used_later(
    client, world, milestone, tmp_path
):
    client.force_login(world.director)
    location = send(client, world, milestone, clip(tmp_path))
    milestone.requires.add(world.document_milestone)

    response = hand_in(client, world, milestone, location)

    assert response.status_code == 400
    assert "Opens when these are approved:" in response.content.decode()
    assert incoming_path(token_of(location)).exists()
    assert not MilestoneSubmission.objects.filter(milestone=milestone).exists()
