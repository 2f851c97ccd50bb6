"""The public site's rough edges (issue 13 §3): a screening's time range does not repeat its
date, every page has a favicon, and a bio shown in the other language says so."""

import datetime
import zoneinfo

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from programs.models import Cohort
from tests.factories import ScreeningFactory
from tests.factories.festival import festival_build

pytestmark = pytest.mark.django_db
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_a_screening_on_one_day_shows_its_date_once(client):
    starts = datetime.datetime(2026, 9, 25, 19, 0, tzinfo=BEIJING)
    screening = ScreeningFactory(
        cohort__status=Cohort.Status.PREMIERED,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2, minutes=30),
    )

    response = client.get(screening.get_absolute_url())

    assert "Sept. 25, 2026, 7 p.m. – 9:30 p.m." in response.text


def test_a_screening_over_several_days_shows_both_dates(client):
    starts = datetime.datetime(2026, 9, 26, 10, 0, tzinfo=BEIJING)
    screening = ScreeningFactory(
        cohort__status=Cohort.Status.PREMIERED,
        kind="online",
        venue=None,
        platform_url="https://v.example.org/x",
        starts_at=starts,
        ends_at=datetime.datetime(2026, 10, 31, 23, 59, tzinfo=BEIJING),
    )

    response = client.get(screening.get_absolute_url())

    assert "Sept. 26, 2026, 10 a.m. – Oct. 31, 2026, 11:59 p.m." in response.text


def test_every_page_has_a_favicon(client):
    response = client.get(reverse("home"))

    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in response.text
    assert finders.find("favicon.svg")


def test_a_bio_follows_the_pages_language(client):
    talent = festival_build(size=1).film.director
    talent.bio_en, talent.bio_zh = "Born to film.", "为电影而生。"
    talent.save()

    english = client.get(talent.get_absolute_url()).text
    chinese = client.get(talent.get_absolute_url().replace("/en/", "/zh-hans/", 1)).text

    assert "Born to film." in english and "为电影而生。" not in english
    assert "为电影而生。" in chinese and "Born to film." not in chinese
    assert "Only in" not in english + chinese


def test_a_bio_in_the_other_language_is_marked_as_a_fallback(client):
    talent = festival_build(size=1).film.director
    talent.bio_en, talent.bio_zh = "Born to film.", ""
    talent.save()

    chinese = client.get(talent.get_absolute_url().replace("/en/", "/zh-hans/", 1)).text

    assert '<div class="person__bio" lang="en">' in chinese
    assert '<p class="fallback-note">' in chinese
