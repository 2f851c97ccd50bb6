"""What a video file holds, read by Debian's ffprobe (package ffmpeg) in a child process: the
container, the first video stream's codec, size and frame rate, the duration, the audio
channels, and whether the file is whole; and, read by ffmpeg's EBU R128 meter when a milestone
asks for it, the sound's integrated loudness. ffprobe only reads; nothing here decodes a picture in
our process, so a hostile file can hurt a short-lived ffprobe at most.

Not here: what a milestone asks for and whether the file meets it (films.deliverables)."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from fractions import Fraction
from pathlib import Path

from django.conf import settings

# The header read answers in well under a second; a file that makes ffprobe think for this
# long is not one we accept.
HEADER_TIMEOUT_SECONDS = 60
# Measuring loudness decodes all of the sound (not the picture): minutes for a feature-length
# master, never hours.
LOUDNESS_TIMEOUT_SECONDS = 3 * 3600
# The meter's gate: a programme this quiet is silence, not a loudness.
SILENCE_LUFS = -70.0
_INTEGRATED = re.compile(rb"Integrated loudness:\s*I:\s*(-?[0-9.]+|-?inf) LUFS")


class NotAVideo(Exception):
    """ffprobe could not read the file, or found no video stream in it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "unreadable" or "no_video"


@dataclass(frozen=True)
class VideoFacts:
    container: str
    video_codec: str
    width: int
    height: int
    frame_rate: float
    duration_seconds: float
    audio_channels: int

    def as_dict(self) -> dict:
        return asdict(self)


def _ffprobe(*arguments: str, timeout: int) -> subprocess.CompletedProcess:
    command = [settings.FFPROBE_BINARY, "-v", "error", *arguments]
    return subprocess.run(  # noqa: S603 - fixed arguments, the path is ours
        command, capture_output=True, timeout=timeout, check=False
    )


def video_facts(path: Path | str) -> VideoFacts:
    """Read the container's header (of a file, or of a signed URL of the private bucket);
    raise NotAVideo for anything that is not a video file."""
    try:
        result = _ffprobe(
            "-print_format", "json", "-show_format", "-show_streams", str(path),
            timeout=HEADER_TIMEOUT_SECONDS,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise NotAVideo("unreadable") from None
    try:
        probed = json.loads(result.stdout or b"{}")
    except ValueError:
        raise NotAVideo("unreadable") from None
    if result.returncode != 0 or "format" not in probed:
        raise NotAVideo("unreadable")
    return _facts(probed)


def _facts(probed: dict) -> VideoFacts:
    streams = probed.get("streams", [])
    video = next(
        (
            stream
            for stream in streams
            if stream.get("codec_type") == "video"
            # A cover picture in an audio file is a "video" stream of one frame.
            and not stream.get("disposition", {}).get("attached_pic")
        ),
        None,
    )
    if video is None:
        raise NotAVideo("no_video")
    audio = [stream for stream in streams if stream.get("codec_type") == "audio"]
    return VideoFacts(
        container=str(probed["format"].get("format_name", "")),
        video_codec=str(video.get("codec_name", "")),
        width=int(video.get("width") or 0),
        height=int(video.get("height") or 0),
        frame_rate=_rate(video.get("avg_frame_rate")) or _rate(video.get("r_frame_rate")),
        duration_seconds=_number(probed["format"].get("duration") or video.get("duration")),
        audio_channels=max((int(stream.get("channels") or 0) for stream in audio), default=0),
    )


def _rate(value: str | None) -> float:
    try:
        return round(float(Fraction(value or "0")), 3)
    except (ValueError, ZeroDivisionError):
        return 0.0


def _number(value) -> float:
    try:
        return round(float(value), 3)
    except (TypeError, ValueError):
        return 0.0


def file_is_whole(path: Path | str, size: int) -> bool:
    """Read every packet of the file of `size` bytes (no decoding): a file cut short has packets
    that end past its last byte, or makes the demuxer complain. Takes as long as reading the
    file once."""
    command = [
        settings.FFPROBE_BINARY, "-v", "error",
        "-show_entries", "packet=pos,size", "-of", "csv=p=0", str(path),
    ]  # fmt: skip
    # Complaints go to a file: a pipe that filled while we read the packets would stall ffprobe.
    with (
        tempfile.TemporaryFile() as complaints,
        subprocess.Popen(  # noqa: S603 - fixed arguments, the path is ours
            command, stdout=subprocess.PIPE, stderr=complaints
        ) as probe,
    ):
        beyond_the_end = False
        for line in probe.stdout:
            position, _comma, length = line.strip().partition(b",")
            if position.isdigit() and length.isdigit() and int(position) + int(length) > size:
                beyond_the_end = True
        probe.wait()
        complained = complaints.tell() > 0
    return probe.returncode == 0 and not beyond_the_end and not complained


def integrated_loudness(path: Path | str) -> float | None:
    """The integrated loudness of the file's sound in LUFS (EBU R128 / ITU-R BS.1770, as ffmpeg's
    ebur128 filter measures it), or None when there is no sound to measure: no audio stream,
    silence, or a file ffmpeg cannot read."""
    command = [
        settings.FFMPEG_BINARY, "-nostdin", "-hide_banner", "-nostats",
        "-i", str(path), "-vn", "-sn", "-dn", "-af", "ebur128", "-f", "null", "-",
    ]  # fmt: skip
    # The filter logs a line every tenth of a second (ffmpeg 5.1 cannot be told otherwise) and
    # its summary at the end: the log goes to a file and only its tail is read.
    with tempfile.TemporaryFile() as log:
        try:
            subprocess.run(  # noqa: S603 - fixed arguments, the path is ours
                command, stdout=subprocess.DEVNULL, stderr=log,
                timeout=LOUDNESS_TIMEOUT_SECONDS, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            return None
        size = log.seek(0, 2)
        log.seek(max(0, size - 4096))
        found = _INTEGRATED.search(log.read())
    if found is None:
        return None
    try:
        loudness = float(found.group(1))
    except ValueError:
        return None
    if loudness != loudness or loudness <= SILENCE_LUFS:  # nan, -inf, or below the gate
        return None
    return round(loudness, 1)
