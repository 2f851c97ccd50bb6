"""The director sends a video file in Chromium: the vendored tus-js-client under our strict
Content-Security-Policy, a first chunk whose connection drops (the uploader asks the server
for the offset and goes on), then the hand-in and the technical check on the milestone page.
In both languages, with screenshots of the page before and after."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from films.models import CheckStatus, MilestoneSubmission
from tests.factories import portal_world
from tests.portal.test_video_uploads import clip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_director_uploads_a_video_file_through_a_dropped_connection(
    browser_page, live_server, client, screenshot, tmp_path, language
):
    world = portal_world()
    milestone = world.video_file_milestone
    milestone.name_en, milestone.name_zh = "Streaming master", "流媒体母版"
    milestone.spec_video_codecs, milestone.spec_frame_rates = "h264, prores", "24, 25"
    milestone.spec_min_width, milestone.spec_min_height = 320, 240
    milestone.spec_audio_channels, milestone.spec_max_seconds = "2, 6", 1800
    milestone.save()
    world.upload.delete()
    video = tmp_path / "master.mp4"
    video.write_bytes(clip(tmp_path))
    client.force_login(world.director)
    page = browser_page
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
    dropped = []

    def drop_the_first_chunk(route) -> None:
        if route.request.method == "PATCH" and not dropped:
            dropped.append(route.request.url)
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/portal/uploads/**", drop_the_first_chunk)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    url = reverse(
        "portal:milestone", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk}
    )

    page.goto(url)
    screenshot(page, f"video-upload-1-form-{language}")
    page.locator("#video-file").set_input_files(str(video))
    page.locator("#id_note").fill("Picture lock, stereo mix.")
    page.locator("form.video-upload button[type=submit]").click()
    page.wait_for_selector(".technical-check__lines")
    screenshot(page, f"video-upload-2-checked-{language}")

    submission = MilestoneSubmission.objects.get(milestone=milestone)
    assert dropped
    assert submission.file.read() == video.read_bytes()
    assert submission.note == "Picture lock, stereo mix."
    assert submission.check_status == CheckStatus.PASSED
    assert submission.sha256 in page.content()
    # The one failed request is the dropped chunk; a CSP refusal would be another error here.
    assert [e for e in errors if "ERR_CONNECTION_RESET" not in e] == []


def test_director_pauses_and_resumes_on_a_slow_connection(
    browser_page, live_server, client, screenshot, tmp_path
):
    world = portal_world()
    milestone = world.video_file_milestone
    world.upload.delete()
    video = tmp_path / "rough-cut.mp4"
    video.write_bytes(clip(tmp_path, seconds=8, size="640x480"))
    client.force_login(world.director)
    page = browser_page
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url},
        ]
    )
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": 100_000},
    )
    url = reverse(
        "portal:milestone", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk}
    )
    page.goto(url)
    page.locator("#video-file").set_input_files(str(video))
    page.locator("form.video-upload button[type=submit]").click()

    # (No wait_for_function: the page's CSP refuses the evaluated string it would run.)
    page.locator(".video-upload__status", has_text=re.compile(r"[1-9][\d.]* [KM]?B/s")).wait_for()
    screenshot(page, "video-upload-3-progress-en")
    page.get_by_role("button", name="Pause").click()
    page.wait_for_selector(".video-upload__resume:not([hidden])")
    screenshot(page, "video-upload-4-paused-en")
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    page.get_by_role("button", name="Resume").click()
    page.wait_for_selector(".technical-check")

    submission = MilestoneSubmission.objects.get(milestone=milestone)
    assert submission.file.read() == video.read_bytes()
