"""A video file of a few hundred megabytes through the local path, chunk by chunk as the
uploader sends it, each body streamed from a file (as a socket would), then handed in and
checked: the process's resident memory grows by far less than the file (a block per chunk,
not the chunk, let alone the file). The measured growth is printed (run with -s)."""

import hashlib
import os
import threading
from pathlib import Path

from django.conf import settings

from films.models import CheckStatus, MilestoneSubmission
from tests.portal.test_video_uploads import TUS, create, ffmpeg, hand_in

# 640×480 raw frames (460,800 bytes each) for 26 s at 25 fps: about 300 MB.
SECONDS = 26
# The target for a web worker's growth while it takes a large upload.
GROWTH_LIMIT_BYTES = 30 * 1024 * 1024


def resident_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


class PeakResident:
    """The highest resident size seen while the block runs, sampled every 5 ms."""

    def __enter__(self):
        self.baseline = self.peak = resident_bytes()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self) -> None:
        while not self.stop.wait(0.005):
            self.peak = max(self.peak, resident_bytes())

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()
        self.peak = max(self.peak, resident_bytes())

    @property
    def growth(self) -> int:
        return self.peak - self.baseline


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def test_a_large_file_goes_through_in_constant_memory(
    client, world, tmp_path, django_capture_on_commit_callbacks
):
    source = ffmpeg(
        tmp_path / "master.mkv",
        "-f", "lavfi", "-i", "testsrc=size=640x480:rate=25", "-t", str(SECONDS),
        "-c:v", "rawvideo", "-pix_fmt", "yuv420p",
    )  # fmt: skip
    size = source.stat().st_size
    milestone = world.video_file_milestone
    client.force_login(world.director)
    location = create(client, world, milestone, size, filename="master.mkv")["Location"]

    # The largest chunk the server takes: a view that held a chunk in memory would pass the limit.
    chunk = settings.DELIVERABLE_CHUNK_MAX_BYTES
    with PeakResident() as memory, source.open("rb") as body:
        for offset in range(0, size, chunk):
            length = min(chunk, size - offset)
            body.seek(offset)
            response = client.generic(
                "PATCH",
                location,
                headers={**TUS, "Upload-Offset": str(offset)},
                **{
                    "wsgi.input": body,
                    "CONTENT_LENGTH": str(length),
                    "CONTENT_TYPE": "application/offset+octet-stream",
                },
            )
            assert response.status_code == 204
        with django_capture_on_commit_callbacks(execute=True):
            handed_in = hand_in(client, world, milestone, location)

    print(f"\n{size / 1e6:.0f} MB uploaded; peak resident growth {memory.growth / 1e6:.1f} MB")
    assert handed_in.status_code == 302
    submission = MilestoneSubmission.objects.get(milestone=milestone)
    assert submission.sha256 == file_sha256(source)
    assert submission.check_status == CheckStatus.PASSED
    assert os.path.getsize(submission.file.path) == size
    assert memory.growth < GROWTH_LIMIT_BYTES
    assert size > 250 * 1024 * 1024
