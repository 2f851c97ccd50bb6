"""Both languages: prefixed addresses, translated interface, content in the visitor's language
with the other as a marked fallback, hreflang alternates and a switcher made of plain links."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import FilmFactory
from tests.factories.festival import festival_build

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_browser_language(client):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_root_redirects_to_chinese_by_default(client):
    response = client.get("/")

    assert response["Location"] == "/zh-hans/"


def test_chinese_page_has_translated_interface_and_chinese_content(client):
    film = festival_build(size=1).film
    with translation.override("zh-hans"):
        url = film.get_absolute_url()

    response = client.get(url)

    assert url.startswith("/zh-hans/")
    assert '<html lang="zh-Hans">' in response.text
    assert f'<h1 class="film__title">{film.title_zh}</h1>' in response.text
    assert "<dt>导演</dt>" in response.text
    assert "剧情简介" in response.text


def test_english_page_marks_content_that_falls_back_to_chinese(client):
    film = FilmFactory(title_en="", title_zh="牢笼", logline_en="", logline_zh="一只鸟。")

    response = client.get(film.get_absolute_url())

    assert '<h1 class="film__title" lang="zh-Hans">牢笼</h1>' in response.text
    assert '<p class="film__logline" lang="zh-Hans">一只鸟。</p>' in response.text


def test_chinese_page_marks_content_that_falls_back_to_english(client):
    film = FilmFactory(title_zh="", title_en="The Cage")
    with translation.override("zh-hans"):
        url = film.get_absolute_url()

    response = client.get(url)

    assert '<h1 class="film__title" lang="en">The Cage</h1>' in response.text


def test_page_lists_both_languages_as_hreflang_alternates(client):
    film = festival_build(size=1).film
    path = film.get_absolute_url().removeprefix("/en/")

    response = client.get(film.get_absolute_url())

    assert (
        f'<link rel="alternate" hreflang="zh-Hans" href="http://testserver/zh-hans/{path}">'
        in response.text
    )
    assert f'<link rel="alternate" hreflang="en" href="http://testserver/en/{path}">' in (
        response.text
    )
    assert f'hreflang="x-default" href="http://testserver/{path}"' in response.text


def test_language_switcher_links_to_the_same_page_keeping_the_query(client):
    FilmFactory()

    response = client.get(reverse("films:lineup") + "?q=cage&genre=drama")

    assert (
        '<a href="/zh-hans/films/?q=cage&amp;genre=drama" hreflang="zh-Hans" lang="zh-Hans">'
        "简体中文</a>" in response.text
    )
    assert "<form" not in response.text.split("</header>")[0]
