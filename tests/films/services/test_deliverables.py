"""The services behind the resumable video upload (films.services.deliverables) and the
delivery spec (programs.MilestoneDefinition, films.deliverables), apart from the portal."""

import datetime
import io
import os
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from core.chunked_uploads import ChunkBusy, chunk_lock, incoming_create, incoming_path
from core.video_probe import VideoFacts
from films import services
from films.deliverables import report_lines, spec_lines
from films.models import DeliverableUpload
from tests.factories import FilmFactory, MilestoneFactory, UserFactory

pytestmark = pytest.mark.django_db

FACTS = VideoFacts(
    container="mov,mp4,m4a,3gp,3g2,mj2",
    video_codec="prores",
    width=1920,
    height=1080,
    frame_rate=23.976,
    duration_seconds=1799.6,
    audio_channels=6,
)


def started(**fields) -> DeliverableUpload:
    film = FilmFactory()
    milestone = MilestoneFactory(cohort=film.cohort, deliverable_kind="video", **fields)
    return services.deliverable_upload_start(
        film=film, milestone=milestone, user=UserFactory(), filename="../master.mov", size=100
    )


def age(upload: DeliverableUpload, hours: int) -> None:
    then = timezone.now() - datetime.timedelta(hours=hours)
    DeliverableUpload.objects.filter(pk=upload.pk).update(updated_at=then)
    os.utime(incoming_path(str(upload.token)), (then.timestamp(), then.timestamp()))


def test_start_makes_an_empty_file_under_the_server_token():
    upload = started()

    assert upload.filename == "master.mov"
    assert incoming_path(str(upload.token)).read_bytes() == b""


def test_append_while_another_request_holds_the_file_is_refused():
    upload = started()
    path = incoming_path(str(upload.token))

    with chunk_lock(path), pytest.raises(ChunkBusy):
        services.deliverable_upload_append(
            upload=upload, offset=0, body=io.BytesIO(b"x" * 10), length=10
        )

    upload.refresh_from_db()
    assert upload.offset == 0


def test_sweep_removes_stale_uploads_and_orphan_chunks_and_keeps_fresh_ones(
    settings, django_capture_on_commit_callbacks
):
    settings.DELIVERABLE_UPLOAD_STALE_HOURS = 72
    stale, fresh = started(), started()
    age(stale, 73)
    age(fresh, 71)
    orphan = incoming_create("0" * 32)
    then = (timezone.now() - datetime.timedelta(hours=80)).timestamp()
    os.utime(orphan, (then, then))

    with django_capture_on_commit_callbacks(execute=True):
        removed = services.deliverable_uploads_sweep()

    assert removed == 2
    assert list(DeliverableUpload.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not incoming_path(str(stale.token)).exists()
    assert not orphan.exists()
    assert incoming_path(str(fresh.token)).exists()


def test_spec_lines_pass_a_streaming_master_within_the_spec():
    milestone = MilestoneFactory(
        deliverable_kind="video",
        spec_video_codecs="h264, prores",
        spec_min_width=1920,
        spec_min_height=1080,
        spec_frame_rates="23.976, 24, 25",
        spec_audio_channels="2, 6",
        spec_max_seconds=1800,
    )

    lines = spec_lines(milestone, FACTS, whole=True)

    assert [(line["line"], line["actual"], line["passed"]) for line in lines] == [
        ("video_codec", "prores", True),
        ("resolution", "1920×1080", True),
        ("frame_rate", "23.976", True),
        ("audio_channels", "6", True),
        ("duration", "0:30:00", True),
        ("complete", "", True),
    ]


def test_spec_lines_fail_what_is_outside_the_spec():
    milestone = MilestoneFactory(
        deliverable_kind="video",
        spec_min_width=3840,
        spec_frame_rates="25",
        spec_max_seconds=600,
    )

    lines = spec_lines(milestone, FACTS, whole=False)

    assert [(line["line"], line["passed"]) for line in lines] == [
        ("resolution", False),
        ("frame_rate", False),
        ("duration", False),
        ("complete", False),
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("spec_frame_rates", "24; 25"),
        ("spec_frame_rates", "0"),
        ("spec_audio_channels", "2.5"),
        ("spec_video_codecs", "h264, <script>"),
    ],
)
def test_milestone_refuses_a_spec_it_cannot_read(field, value):
    milestone = MilestoneFactory.build(deliverable_kind="video", **{field: value})

    with pytest.raises(ValidationError) as refused:
        milestone.clean()

    assert list(refused.value.message_dict) == [field]


def test_loudness_is_a_line_only_where_the_milestone_asks_for_it():
    milestone = MilestoneFactory(deliverable_kind="video", spec_max_seconds=1800)

    lines = spec_lines(milestone, FACTS, whole=True, loudness=-30.0)

    assert "loudness" not in [line["line"] for line in lines]


@pytest.mark.parametrize(
    ("measured", "passed"),
    [(-23.0, True), (-22.0, True), (-24.0, True), (-21.9, False), (-24.1, False)],
)
def test_loudness_passes_within_the_tolerance_either_way(measured, passed):
    milestone = MilestoneFactory(deliverable_kind="video", spec_loudness_lufs=Decimal("-23"))

    lines = spec_lines(milestone, FACTS, whole=True, loudness=measured)

    assert lines[0] == {
        "line": "loudness",
        "expected": "-23 ± 1 LUFS",
        "actual": f"{measured:.1f} LUFS",
        "passed": passed,
    }


def test_loudness_asked_of_a_file_without_sound_fails_and_says_so(settings):
    settings.LANGUAGE_CODE = "zh-hans"
    milestone = MilestoneFactory(
        deliverable_kind="video",
        spec_loudness_lufs=Decimal("-14"),
        spec_loudness_tolerance=Decimal("2"),
    )

    lines = spec_lines(milestone, FACTS, whole=True, loudness=None)
    shown = report_lines({"lines": lines})

    assert (lines[0]["expected"], lines[0]["passed"]) == ("-14 ± 2 LUFS", False)
    with translation.override("en"):
        assert (str(shown[0].label), str(shown[0].actual)) == ("Loudness", "no sound")
    with translation.override("zh-hans"):
        assert (str(shown[0].label), str(shown[0].actual)) == ("响度", "无声音")


@pytest.mark.parametrize(
    ("field", "value"),
    [("spec_loudness_lufs", Decimal("-61")), ("spec_loudness_lufs", Decimal("3")),
     ("spec_loudness_tolerance", Decimal("0")), ("spec_loudness_tolerance", Decimal("11"))],
)  # fmt: skip
def test_milestone_refuses_a_loudness_outside_what_a_meter_reads(field, value):
    spec = {"spec_loudness_lufs": Decimal("-23"), field: value}
    milestone = MilestoneFactory.build(deliverable_kind="video", **spec)

    with pytest.raises(ValidationError) as refused:
        milestone.full_clean(exclude=["cohort"])

    assert list(refused.value.message_dict) == [field]
