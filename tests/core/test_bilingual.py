import pytest
from django.utils import translation

from tests.factories import FilmFactory

pytestmark = pytest.mark.django_db


def test_bilingual_reads_the_active_language():
    film = FilmFactory.build(title_zh="笼", title_en="The Cage")

    with translation.override("en"):
        english = film.title
    with translation.override("zh-hans"):
        chinese = film.title

    assert (english, english.is_fallback) == ("The Cage", False)
    assert (chinese, chinese.lang) == ("笼", "zh")


def test_bilingual_falls_back_to_the_other_language_and_says_so():
    film = FilmFactory.build(title_zh="", title_en="Angle")

    with translation.override("zh-hans"):
        title = film.title

    assert title == "Angle"
    assert title.is_fallback is True
    assert title.html_lang == "en"
