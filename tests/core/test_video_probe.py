"""The loudness meter (core.video_probe.integrated_loudness): ffmpeg's EBU R128 filter on real
clips made by ffmpeg in the test."""

import subprocess
from pathlib import Path

import pytest

from core.video_probe import integrated_loudness


def made(path: Path, *arguments: str) -> Path:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *arguments, str(path)], check=True, timeout=120)
    return path


def tone(folder: Path, name: str, volume_db: float) -> Path:
    """Three seconds of a 440 Hz stereo tone at `volume_db` relative to ffmpeg's sine."""
    return made(
        folder / name,
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "3",
        "-ac", "2", "-af", f"volume={volume_db}dB",
    )  # fmt: skip


def test_a_tone_is_measured_and_a_quieter_one_reads_that_much_lower(tmp_path):
    loud = integrated_loudness(tone(tmp_path, "loud.wav", 0))
    quiet = integrated_loudness(tone(tmp_path, "quiet.wav", -10))

    assert loud is not None and quiet is not None
    assert -23 < loud < -20  # ffmpeg's sine at full volume: about -21.8 LUFS
    assert loud - quiet == pytest.approx(10, abs=0.2)


def test_sound_inside_a_video_file_is_measured(tmp_path):
    path = made(
        tmp_path / "cut.mp4",
        "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-ac", "2", "-t", "2",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
    )  # fmt: skip

    assert integrated_loudness(path) == pytest.approx(-21.8, abs=0.5)


def test_silence_has_no_loudness(tmp_path):
    path = made(tmp_path / "silence.wav", "-f", "lavfi", "-i", "anullsrc=r=48000", "-t", "2")

    assert integrated_loudness(path) is None


def test_a_film_without_sound_has_no_loudness(tmp_path):
    path = made(
        tmp_path / "mute.mp4", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25", "-t", "1",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
    )  # fmt: skip

    assert integrated_loudness(path) is None


def test_a_file_that_is_not_media_has_no_loudness(tmp_path):
    path = tmp_path / "notes.mp4"
    path.write_bytes(b"Integrated loudness:\n    I:         -23.0 LUFS\n" * 10)

    assert integrated_loudness(path) is None
