"""The demo's alumni: the four directors of the article's edition graduated, with only what the
article says (their films completed, premiered and shown on iQIYI); no later career is invented
for real people."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from alumni.models import AlumniEntry
from alumni.selectors import outcomes_by_edition
from programs.models import Cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--no-posters")
    return Cohort.objects.get(slug="11th-bjiff")


def test_the_seed_directors_are_alumni_with_no_invented_career(seeded, client):
    with translation.override("en"):
        response = client.get(reverse("programs:cohort_alumni", kwargs={"slug": seeded.slug}))

    names = [enrollment.talent.name_latin for enrollment in response.context["alumni"]]
    assert sorted(names) == ["Chen Linpeng", "Chen Yujia", "Huang Xiaopeng", "Zhou Jinghao"]
    assert AlumniEntry.objects.filter(cohort=seeded).count() == 0


def test_the_outcomes_of_the_article_edition_are_the_articles(seeded):
    row = next(row for row in outcomes_by_edition() if row.cohort == seeded)

    assert (row.alumni, row.films_completed, row.premiered, row.shown_online) == (4, 4, 4, 4)
    assert (row.selections, row.awards, row.online_views) == (0, 0, None)
