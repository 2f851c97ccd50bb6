"""A visitor's walk through the public site in a real browser: home, lineup, filter, search in
both scripts, a film, the switch to Chinese and back, and the calendar download."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from icalendar import Calendar
from PIL import Image, ImageDraw

from films.models import Credit, Film
from films.services import film_set_poster
from programs.models import Cohort
from screenings.models import Screening
from tests.factories import (
    CohortFactory,
    CohortPartnerFactory,
    CreditFactory,
    FilmFactory,
    MentorFactory,
    PanelMembershipFactory,
    ScreeningFactory,
    ScreeningFilmFactory,
    TalentFactory,
)
from tests.factories.rights import LicenceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILMS = [
    # title_en, title_zh, director latin, director original, genre, colours
    ("The Cage", "牢笼", "Chen Linpeng", "陈林鹏", "drama", ((30, 30, 40), (170, 20, 40))),
    ("Angle", "角度", "Chen Yujia", "陈雨佳", "comedy", ((20, 60, 90), (230, 180, 90))),
    (
        "The Tiger Within",
        "心中的老虎",
        "Huang Xiaopeng",
        "黄小鹏",
        "drama",
        ((60, 30, 10), (240, 140, 40)),
    ),
    (
        "Lausanne",
        "洛桑",
        "Zhou Jinghao",
        "周京浩",
        "science_fiction",
        ((10, 40, 40), (120, 200, 190)),
    ),
]


def poster_upload(top: tuple, bottom: tuple) -> SimpleUploadedFile:
    image = Image.new("RGB", (800, 1200))
    draw = ImageDraw.Draw(image)
    for y in range(1200):
        mix = y / 1199
        draw.line(
            [(0, y), (800, y)],
            fill=tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)),
        )
    draw.ellipse((220, 300, 580, 660), outline=(245, 245, 245), width=10)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return SimpleUploadedFile("poster.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def festival():
    cohort = CohortFactory(
        year=2021,
        slug="11th-bjiff",
        edition_en="BJIFF TALENTS · 11th Beijing International Film Festival",
        edition_zh="第十一届北京国际电影节短片创投训练营",
        status=Cohort.Status.PREMIERED,
    )
    producer = MentorFactory(name_latin="Yang Cheng", name_original="杨城", slug="yang-cheng")
    PanelMembershipFactory(
        cohort=cohort,
        mentor=MentorFactory(name_latin="Leste Chen", name_original="陈正道"),
        role="supervisor",
    )
    CohortPartnerFactory(cohort=cohort, partner__name_en="Light Equipment Co.")
    films = []
    for title_en, title_zh, latin, original, genre, colours in FILMS:
        director = TalentFactory(name_latin=latin, name_original=original)
        film = FilmFactory(
            cohort=cohort,
            director=director,
            producer=producer if title_en == "The Cage" else None,
            title_en=title_en,
            title_zh=title_zh,
            genre=genre,
            synopsis_en=f"{title_en}: a short film made in the program.",
            synopsis_zh=f"《{title_zh}》是训练营中完成的短片。",
            language_en="Mandarin",
            language_zh="普通话",
        )
        film_set_poster(
            film=film,
            upload=poster_upload(*colours),
            alt_en=f"Poster of {title_en}",
            alt_zh=f"《{title_zh}》海报",
        )
        CreditFactory(film=film, role=Credit.Role.CINEMATOGRAPHER, order=1, name_latin="Li Wei")
        films.append(film)
    premiere = ScreeningFactory(
        cohort=cohort,
        title_en="BJIFF TALENTS premiere",
        title_zh="短片创投训练营首映",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    online = ScreeningFactory(
        cohort=cohort,
        kind=Screening.Kind.ONLINE,
        venue=None,
        title_en="Online exhibition",
        title_zh="线上展映",
        platform_name_en="Tencent Video",
        platform_name_zh="腾讯视频",
        platform_url="https://v.qq.example/talents",
        starts_at=timezone.now() - datetime.timedelta(days=1),
        ends_at=timezone.now() + datetime.timedelta(days=30),
    )
    for order, film in enumerate(films, start=1):
        ScreeningFilmFactory(screening=premiere, film=film, order=order)
        ScreeningFilmFactory(screening=online, film=film, order=order)
        LicenceFactory(film=film, licensee="Tencent Video")
    return films


def _lineup_titles(page) -> list[str]:
    return page.locator(".poster-grid .film-card__title").all_inner_texts()


def test_visitor_browses_searches_switches_language_and_downloads_the_calendar(
    browser_page, screenshot, festival
):
    page = browser_page
    assert Film.objects.filter(poster_status=Film.PosterStatus.READY).count() == 4

    page.goto("/en/")
    screenshot(page, "en-home")
    assert page.locator("h1").inner_text() == festival[0].cohort.edition_en
    assert page.locator(".poster-grid img").first.evaluate("img => img.naturalWidth") > 0

    page.get_by_role("link", name="Lineup", exact=True).click()
    page.wait_for_url("**/en/films/")
    assert sorted(_lineup_titles(page)) == sorted(title for title, *_ in FILMS)

    page.get_by_label("Genre").select_option("science_fiction")
    page.get_by_role("button", name="Show films").click()
    assert _lineup_titles(page) == ["Lausanne"]
    screenshot(page, "en-lineup-filtered")

    page.get_by_role("link", name="Clear").click()
    page.get_by_role("searchbox", name="Search").fill("老虎")
    page.get_by_role("searchbox", name="Search").press("Enter")
    assert _lineup_titles(page) == ["The Tiger Within"]

    page.get_by_role("searchbox", name="Search").fill("chen linpeng")
    page.get_by_role("button", name="Show films").click()
    assert _lineup_titles(page) == ["The Cage"]
    screenshot(page, "en-lineup-search")

    page.get_by_role("link", name="The Cage").click()
    page.wait_for_url("**/en/films/11th-bjiff/**")
    assert page.locator("h1").inner_text() == "The Cage"
    assert page.get_by_text("Watch on Tencent Video until").is_visible()
    assert page.locator("picture img").evaluate("img => img.currentSrc").endswith(".webp")
    screenshot(page, "en-film")

    page.get_by_role("link", name="简体中文").click()
    page.wait_for_url("**/zh-hans/films/11th-bjiff/**")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("h1").inner_text() == "牢笼"
    assert page.get_by_text("在腾讯视频观看").is_visible()
    screenshot(page, "zh-film")

    page.get_by_role("link", name="片单", exact=True).click()
    screenshot(page, "zh-lineup")
    page.goto("/zh-hans/")
    screenshot(page, "zh-home")

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("link", name="Screenings", exact=True).first.click()
    screenshot(page, "en-screenings")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add all screenings to your calendar (.ics)").click()
    download = download_info.value
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    assert download.suggested_filename == "screenings.ics"
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == [
        "BJIFF TALENTS premiere",
        "Online exhibition",
    ]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_keyboard_alone_reaches_the_lineup_search(browser_page, festival):
    page = browser_page
    page.goto("/en/films/")

    page.keyboard.press("Tab")
    skip_link = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_q":
            break
    page.keyboard.type("Angle")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/films/?q=Angle**")

    assert skip_link == "Skip to content"
    assert _lineup_titles(page) == ["Angle"]


def test_phone_sized_screen_shows_the_lineup_in_two_columns(browser_page, screenshot, festival):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto("/zh-hans/films/")
    screenshot(page, "zh-lineup-phone")

    boxes = [card.bounding_box() for card in page.locator(".film-card").all()[:2]]
    assert boxes[0]["y"] == boxes[1]["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
