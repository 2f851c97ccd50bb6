"""A delivered video file against its milestone's delivery spec: one line per thing the
milestone asks for (codec, size, frame rate, audio channels, duration, loudness) and always one
saying whether the file is whole, each passing or failing. Stored as plain values on the submission
(check_report) and labelled in the reader's language when shown (report_lines).

Not here: reading the file (core.video_probe) or running the check (films.services)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.video_probe import VideoFacts
from programs.models import MilestoneDefinition

# Frame rates are compared to the hundredth: 23.976 is asked as 23.976 and read as 24000/1001.
RATE_TOLERANCE = 0.01

LINE_LABELS = {
    "video_codec": _("Video codec"),
    "resolution": _("Resolution"),
    "frame_rate": _("Frame rate"),
    "audio_channels": _("Audio channels"),
    "duration": _("Duration"),
    "loudness": _("Loudness"),
    "complete": _("File is whole"),
}
# What a line shows where nothing could be measured, labelled in the reader's language too.
ACTUAL_LABELS = {"no_sound": _("no sound")}


def _line(key: str, expected: str, actual: str, passed: bool) -> dict:
    return {"line": key, "expected": expected, "actual": actual, "passed": passed}


def _number(value: float) -> str:
    return f"{value:g}"


def _duration(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def asks_loudness(milestone: MilestoneDefinition) -> bool:
    return milestone.spec_loudness_lufs is not None


def spec_lines(
    milestone: MilestoneDefinition,
    facts: VideoFacts,
    *,
    whole: bool,
    loudness: float | None = None,
) -> list[dict]:
    """`loudness`: the integrated loudness measured in LUFS, where the milestone asks for it
    (None: no sound could be measured)."""
    lines = []
    if milestone.video_codecs:
        codecs = milestone.video_codecs
        lines.append(
            _line("video_codec", ", ".join(codecs), facts.video_codec, facts.video_codec in codecs)
        )
    if milestone.spec_min_width or milestone.spec_min_height:
        width, height = milestone.spec_min_width or 0, milestone.spec_min_height or 0
        passed = facts.width >= width and facts.height >= height
        lines.append(
            _line("resolution", f"≥ {width}×{height}", f"{facts.width}×{facts.height}", passed)
        )
    if milestone.frame_rates:
        rates = milestone.frame_rates
        passed = any(abs(facts.frame_rate - rate) <= RATE_TOLERANCE for rate in rates)
        expected = ", ".join(_number(rate) for rate in rates)
        lines.append(_line("frame_rate", expected, _number(facts.frame_rate), passed))
    if milestone.audio_channels:
        channels = milestone.audio_channels
        expected = ", ".join(str(count) for count in channels)
        passed = facts.audio_channels in channels
        lines.append(_line("audio_channels", expected, str(facts.audio_channels), passed))
    if milestone.spec_max_seconds:
        limit = milestone.spec_max_seconds
        passed = facts.duration_seconds <= limit
        actual = _duration(facts.duration_seconds)
        lines.append(_line("duration", f"≤ {milestone.spec_max_duration}", actual, passed))
    if asks_loudness(milestone):
        target = float(milestone.spec_loudness_lufs)
        tolerance = float(milestone.spec_loudness_tolerance)
        expected = f"{_number(target)} ± {_number(tolerance)} LUFS"
        if loudness is None:
            lines.append(_line("loudness", expected, "no_sound", False))
        else:
            # Compared in tenths, as the meter reads: -22.0 is within -23 ± 1.
            passed = round(abs(loudness - target), 1) <= tolerance
            lines.append(_line("loudness", expected, f"{loudness:.1f} LUFS", passed))
    lines.append(_line("complete", "", "", whole))
    return lines


@dataclass(frozen=True)
class ReportLine:
    label: str
    expected: str
    actual: str
    passed: bool


def report_lines(report: dict) -> list[ReportLine]:
    """The stored lines with their labels, for the pages; unknown keys are skipped."""
    return [
        ReportLine(
            LINE_LABELS[line["line"]],
            line["expected"],
            ACTUAL_LABELS.get(line["actual"], line["actual"]),
            line["passed"],
        )
        for line in report.get("lines", [])
        if line.get("line") in LINE_LABELS
    ]
