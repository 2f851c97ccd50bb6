"""After the film in a real browser, in both languages: the workspace's licences (states,
conflicts, an exhibition no licence covers), an edition's alumni record and the outcomes report
with its chart, the alumnus's portal page and the public alumni page; no Content-Security-Policy
complaint (the chart is SVG sized by attributes). Screenshots in screenshots/."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from alumni.models import AlumniEntry
from programs.models import Cohort
from tests.factories import CohortFactory, FilmFactory, ScreeningFilmFactory, UserFactory
from tests.factories.alumni import AlumniEntryFactory, graduate
from tests.factories.rights import LicenceFactory, online_exhibition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LANGUAGES = pytest.mark.parametrize("language", ["en", "zh-hans"])


@pytest.fixture
def edition():
    cohort = CohortFactory(
        status=Cohort.Status.PREMIERED, edition_en="11th BJIFF", edition_zh="第十一届北京国际电影节"
    )
    lausanne = FilmFactory(
        cohort=cohort, is_published=True, title_en="Lausanne", title_zh="洛桑", stage="completed"
    )
    cage = FilmFactory(cohort=cohort, is_published=True, title_en="The Cage", title_zh="困兽")
    for film in (lausanne, cage):
        graduate(film)
    AlumniEntryFactory(
        film=lausanne, festival_en="Demo Short Film Festival", festival_zh="演示短片节"
    )
    AlumniEntryFactory(
        film=cage,
        kind="award",
        festival_en="Demo Festival",
        festival_zh="演示电影节",
        award_en="Demo Award",
        award_zh="演示奖",
        status=AlumniEntry.Status.PROPOSED,
    )
    LicenceFactory(film=lausanne, is_exclusive=True)
    LicenceFactory(film=lausanne, licensee="Demo Video")
    ScreeningFilmFactory(
        screening=online_exhibition(cohort, title_en="Online Exhibition", title_zh="线上展映"),
        film=cage,
    )
    return cohort


def sign_in(page, client, live_server, user, language) -> None:
    client.force_login(user)
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


def watch_console(page) -> list:
    complaints = []
    page.on("console", lambda message: complaints.append(message.text))
    return complaints


@LANGUAGES
def test_staff_pages_for_after_the_film(
    browser_page, screenshot, client, live_server, edition, language
):
    page = browser_page
    complaints = watch_console(page)
    sign_in(page, client, live_server, UserFactory(is_staff=True), language)
    with translation.override(language):
        licences = reverse("workspace:licences")
        alumni = reverse("workspace:cohort_alumni", kwargs={"slug": edition.slug})
        outcomes = reverse("workspace:outcomes")
        new_licence = reverse("workspace:licence_create")

    page.goto(licences)
    screenshot(page, f"after-film-1-licences-{language}")
    assert page.locator(".licence-problems li").count() == 2
    page.goto(new_licence)
    screenshot(page, f"after-film-2-licence-form-{language}")
    page.goto(alumni)
    screenshot(page, f"after-film-3-alumni-record-{language}")
    page.locator("button", has_text="通过" if language == "zh-hans" else "Approve").click()
    page.locator(".alert-success").wait_for()
    page.goto(outcomes)
    screenshot(page, f"after-film-4-outcomes-{language}")

    assert page.locator(".outcome-chart__bar").count() == 7
    assert AlumniEntry.objects.filter(status=AlumniEntry.Status.PROPOSED).count() == 0
    assert [c for c in complaints if "Content Security Policy" in c] == []


@LANGUAGES
def test_the_alumnus_and_the_public_pages(
    browser_page, screenshot, client, live_server, edition, language
):
    page = browser_page
    complaints = watch_console(page)
    film = edition.films.get(title_en="Lausanne")
    director = UserFactory()
    film.director.user = director
    film.director.save()
    with translation.override(language):
        public = reverse("programs:cohort_alumni", kwargs={"slug": edition.slug})

    page.goto(public)
    screenshot(page, f"after-film-5-public-alumni-{language}")
    assert page.locator(".alumni-card").count() == 2
    assert (
        page.get_by_text(
            "演示短片节" if language == "zh-hans" else "Demo Short Film Festival"
        ).count()
        == 1
    )
    sign_in(page, client, live_server, director, language)
    page.goto(reverse("portal:alumni"))
    screenshot(page, f"after-film-6-portal-alumni-{language}")

    assert page.locator(".portal-card").count() == 1
    assert [c for c in complaints if "Content Security Policy" in c] == []
