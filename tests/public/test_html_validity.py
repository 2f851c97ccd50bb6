"""The HTML of every page type parses without a single error under a strict HTML5 parser, ids
are unique, every form control has a label, and headings do not skip levels."""

import re
from html.parser import HTMLParser
from itertools import pairwise

import html5lib
import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory
from tests.factories.festival import festival_build
from tests.factories.portal import portal_world

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "home": lambda f: reverse("home"),
    "lineup": lambda f: reverse("films:lineup") + "?q=Film",
    "film": lambda f: f.film.get_absolute_url(),
    "director": lambda f: f.film.director.get_absolute_url(),
    "mentor": lambda f: f.film.producer.get_absolute_url(),
    "cohorts": lambda f: reverse("programs:cohort_list"),
    "cohort": lambda f: f.cohort.get_absolute_url(),
    "cohort-alumni": lambda f: reverse("programs:cohort_alumni", kwargs={"slug": f.cohort.slug}),
    "screenings": lambda f: reverse("screenings:list"),
    "screening": lambda f: f.screening.get_absolute_url(),
    "not-found": lambda f: "/en/films/nope/nope/",
}


class PageOutline(HTMLParser):
    """Collects ids, labelled controls and heading levels."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.label_targets: set[str] = set()
        self.controls: list[dict] = []
        self.headings: list[int] = []
        self.open_labels = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "label":
            self.open_labels += 1
            if attributes.get("for"):
                self.label_targets.add(attributes["for"])
        if tag in ("input", "select", "textarea") and attributes.get("type") not in (
            "hidden",
            "submit",
            "button",
        ):
            self.controls.append({**attributes, "_in_label": self.open_labels > 0})
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_labels -= 1


def assert_valid(html: str) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(html)  # raises html5lib.html5parser.ParseError on any error
    outline = PageOutline()
    outline.feed(html)
    duplicates = {i for i in outline.ids if outline.ids.count(i) > 1}
    assert duplicates == set()
    unlabelled = [
        c
        for c in outline.controls
        if not c["_in_label"]
        and c.get("id") not in outline.label_targets
        and not c.get("aria-label")
    ]
    assert unlabelled == []
    assert outline.headings[:1] == [1]
    skips = [(a, b) for a, b in pairwise(outline.headings) if b > a + 1]
    assert skips == []


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_page_html_is_valid(client, page, language):
    festival = festival_build(size=2)
    with translation.override(language):
        url = PUBLIC_PAGES[page](festival)

    response = client.get(url)

    assert response.status_code in (200, 404)
    assert_valid(response.text)


@pytest.mark.parametrize(
    ("role", "url_name"),
    [
        ("director", "portal:home"),
        ("director", "portal:profile"),
        ("producer", "portal:reviews"),
    ],
)
def test_portal_page_html_is_valid(client, role, url_name):
    world = portal_world()
    client.force_login(getattr(world, role))

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert_valid(response.text)


def test_portal_film_and_milestone_pages_html_is_valid(client):
    world = portal_world()
    client.force_login(world.director)

    pages = [
        reverse("portal:film", kwargs={"film_id": world.film.pk}),
        reverse(
            "portal:milestone",
            kwargs={"film_id": world.film.pk, "milestone_id": world.document_milestone.pk},
        ),
        reverse("portal:film_edit", kwargs={"film_id": world.film.pk}),
    ]

    for url in pages:
        assert_valid(client.get(url).text)


def test_workspace_dashboard_html_is_valid(client):
    world = portal_world()
    client.force_login(UserFactory(is_staff=True))

    with translation.override("en"):
        url = reverse("workspace:cohort", kwargs={"slug": world.cohort.slug})
    response = client.get(url)

    assert response.status_code == 200
    assert_valid(response.text)


def test_invalid_markup_is_caught():
    with pytest.raises(html5lib.html5parser.ParseError):
        assert_valid("<!DOCTYPE html><html><body><h1>x</h2></body></html>")
