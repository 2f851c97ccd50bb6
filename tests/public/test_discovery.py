"""sitemap.xml with language alternates, robots.txt, and link previews of film pages."""

import pytest
from django.urls import reverse

from tests.factories import FilmFactory
from tests.factories.festival import festival_build

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_pages_in_both_languages_with_alternates(client):
    festival = festival_build(size=1)
    hidden = FilmFactory(cohort=festival.cohort, is_published=False)
    path = festival.film.get_absolute_url().removeprefix("/en/")

    response = client.get("/sitemap.xml")

    xml = response.text
    assert f"<loc>http://testserver/en/{path}</loc>" in xml
    assert f"<loc>http://testserver/zh-hans/{path}</loc>" in xml
    assert (
        f'<xhtml:link rel="alternate" hreflang="zh-hans" href="http://testserver/zh-hans/{path}"/>'
        in xml
    )
    assert (
        f'<xhtml:link rel="alternate" hreflang="x-default" href="http://testserver/{path}"/>'
        in (xml)
    )
    assert festival.film.director.slug in xml
    assert hidden.slug not in xml


def test_language_neutral_address_redirects_by_browser_language(client):
    film = FilmFactory()
    path = film.get_absolute_url().removeprefix("/en")

    response = client.get(path, headers={"accept-language": "en"})

    assert response.status_code == 302
    assert response["Location"] == film.get_absolute_url()


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.text.splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Sitemap: http://testserver/sitemap.xml",
    ]


def test_film_page_has_open_graph_and_twitter_card_tags(client):
    film = festival_build(size=1).film

    response = client.get(film.get_absolute_url())

    html = response.text
    assert f'<meta property="og:title" content="{film.title_en}">' in html
    assert '<meta property="og:type" content="video.movie">' in html
    assert (
        '<meta property="og:image" content="http://testserver/media/posters/thumbs/p-640w.jpeg">'
        in html
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:description" content="{film.logline_en}">' in html


def test_film_page_without_poster_has_a_summary_card(client):
    film = FilmFactory()

    response = client.get(film.get_absolute_url())

    assert '<meta name="twitter:card" content="summary">' in response.text
    assert "og:image" not in response.text


def test_every_image_on_public_pages_has_alt_text(client):
    festival = festival_build(size=2)
    urls = [reverse("home"), reverse("films:lineup"), festival.film.get_absolute_url()]

    html = "".join(client.get(url).text for url in urls)

    images = html.split("<img ")[1:]
    assert images
    assert all(' alt="' in image.split(">")[0] and ' alt=""' not in image for image in images)
