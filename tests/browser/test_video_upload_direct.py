"""The director sends a video file in Chromium straight to the private bucket (moto's server on
localhost, which answers CORS): the page's own script, under our strict Content-Security-
Policy (connect-src: ourselves and the bucket), hashes each part with WebCrypto, gets it signed
by our server and PUTs it, three parts in parallel; a first part whose connection drops is sent
again; after a closed tab the page continues an unfinished upload from the bucket's list of
parts. Then the hand-in, the worker's SHA-256 and the technical check on the milestone page."""

import pytest
import requests
from django.conf import settings
from django.urls import reverse
from django.utils.csp import CSP

from films.models import CheckStatus, DeliverableUpload, MilestoneSubmission
from tests.core.test_object_storage import object_storage, s3_endpoint  # noqa: F401 - fixtures
from tests.factories import portal_world
from tests.portal import test_multipart_uploads
from tests.portal.test_multipart_uploads import PART, put_part, start

# The clip fixture, shared with the endpoint tests (a fixture is found by its name here).
noisy_clip = test_multipart_uploads.noisy_clip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bucket(object_storage, s3_endpoint, settings, live_server):  # noqa: F811
    """The private bucket as a browser reaches it: CORS for the live server's origin, and the
    bucket's origin in the CSP's connect-src (config.settings does this from S3_ENDPOINT_URL)."""
    settings.DELIVERABLE_PART_BYTES = PART
    settings.SECURE_CSP = {**settings.SECURE_CSP, "connect-src": [CSP.SELF, s3_endpoint]}
    object_storage.put_bucket_cors(
        Bucket="talents-private",
        CORSConfiguration={
            "CORSRules": [
                {
                    "AllowedOrigins": [live_server.url],
                    "AllowedMethods": ["PUT"],
                    "AllowedHeaders": ["content-type", "x-amz-checksum-sha256"],
                    "ExposeHeaders": ["ETag"],
                    "MaxAgeSeconds": 600,
                }
            ]
        },
    )
    return object_storage


def signed_in(page, client, live_server, world, language: str) -> None:
    client.force_login(world.director)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )


def video_world():
    world = portal_world()
    milestone = world.video_file_milestone
    milestone.name_en, milestone.name_zh = "Streaming master", "流媒体母版"
    milestone.spec_video_codecs, milestone.spec_frame_rates = "h264, prores", "24, 25"
    milestone.spec_audio_channels = "2, 6"
    milestone.save()
    world.upload.delete()
    return world, milestone


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_director_sends_a_video_file_straight_to_the_bucket(
    bucket, browser_page, live_server, client, screenshot, tmp_path, noisy_clip, language
):
    world, milestone = video_world()
    video = tmp_path / "master.mp4"
    video.write_bytes(noisy_clip)
    page = browser_page
    signed_in(page, client, live_server, world, language)
    puts, dropped = [], []

    def drop_the_first_part(route) -> None:
        if route.request.method == "PUT":
            puts.append(route.request.url)
            if not dropped:
                dropped.append(route.request.url)
                route.abort("connectionreset")
                return
        route.continue_()

    page.route("**/talents-private/**", drop_the_first_part)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    url = reverse(
        "portal:milestone", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk}
    )

    page.goto(url)
    page.locator("#video-file").set_input_files(str(video))
    page.locator("#id_note").fill("Picture lock, stereo mix.")
    page.locator("form.video-upload button[type=submit]").click()
    page.wait_for_selector(".technical-check__lines", timeout=60_000)
    screenshot(page, f"video-upload-direct-checked-{language}")

    submission = MilestoneSubmission.objects.get(milestone=milestone)
    with submission.file.open("rb") as stored:
        assert stored.read() == noisy_clip
    assert len(dropped) == 1
    assert len(puts) == 4  # three parts, one of them twice
    assert submission.check_status == CheckStatus.PASSED, submission.check_report
    assert submission.sha256 in page.content()
    assert len(submission.part_checksums) == 3
    # The one failed request is the dropped part; a CSP or CORS refusal would be another.
    assert [e for e in errors if "ERR_CONNECTION_RESET" not in e] == []


def test_after_a_closed_tab_the_page_sends_only_the_missing_parts(
    bucket, browser_page, live_server, client, tmp_path, noisy_clip
):
    world, milestone = video_world()
    video = tmp_path / "master.mp4"
    video.write_bytes(noisy_clip)
    page = browser_page
    signed_in(page, client, live_server, world, "en")
    # The tab that was closed had sent part 1 (the same requests the page's script makes).
    started = start(client, world, milestone, len(noisy_clip), filename="master.mp4").json()
    assert put_part(client, started, noisy_clip, 1).status_code == requests.codes.ok
    key = DeliverableUpload.objects.get(token=started["token"]).object_key
    puts = []

    def count(route) -> None:
        if route.request.method == "PUT":
            puts.append(route.request.url.split("partNumber=", 1)[1].split("&", 1)[0])
        route.continue_()

    page.route("**/talents-private/**", count)
    url = reverse(
        "portal:milestone", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk}
    )

    page.goto(url)
    page.locator("#video-file").set_input_files(str(video))
    page.locator("form.video-upload button[type=submit]").click()
    page.wait_for_selector(".technical-check", timeout=60_000)

    assert sorted(puts) == ["2", "3"]
    submission = MilestoneSubmission.objects.get(milestone=milestone)
    assert submission.file.name == key
    assert not DeliverableUpload.objects.filter(token=started["token"]).exists()
    with submission.file.open("rb") as stored:
        assert stored.read() == noisy_clip
