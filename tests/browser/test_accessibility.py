"""axe-core (Deque's accessibility engine, vendored from the npm registry) checks public,
portal and workspace pages in both languages against WCAG 2.2 A and AA: colour contrast,
labels, alt texts, landmarks, heading order, language attributes, and the rest of its rules.

The page is loaded in a context that bypasses the Content-Security-Policy only so that the test
can inject axe's script; the site itself is tested as it is served."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory
from tests.factories.festival import festival_build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def axe_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def violations(page, url: str) -> list[str]:
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [f"{v['id']}: {node['target']}" for v in result["violations"] for node in v["nodes"]]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_public_pages_meet_wcag_aa(axe_page, language):
    festival = festival_build(size=2)
    with translation.override(language):
        urls = [
            reverse("home"),
            reverse("films:lineup"),
            festival.film.get_absolute_url(),
            festival.film.director.get_absolute_url(),
            festival.cohort.get_absolute_url(),
            reverse("screenings:list"),
            festival.screening.get_absolute_url(),
        ]

    found = {url: violations(axe_page, url) for url in urls}

    assert {url: v for url, v in found.items() if v} == {}


def test_workspace_dashboard_meets_wcag_aa(axe_page, live_server, client):
    festival = festival_build(size=2)
    client.force_login(UserFactory(is_staff=True))
    axe_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    with translation.override("en"):
        url = reverse("workspace:cohort", kwargs={"slug": festival.cohort.slug})

    assert violations(axe_page, url) == []


def test_axe_finds_a_violation_when_there_is_one(axe_page, live_server):
    axe_page.goto(live_server.url + reverse("home"))
    axe_page.evaluate("document.querySelector('img, h1').setAttribute('role', 'presentation')")
    axe_page.evaluate("document.documentElement.removeAttribute('lang')")
    axe_page.add_script_tag(path=str(AXE))

    result = axe_page.evaluate("() => axe.run(document, {runOnly: ['html-has-lang']})")

    assert [v["id"] for v in result["violations"]] == ["html-has-lang"]
