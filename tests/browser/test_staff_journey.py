"""The staff journey in Chromium (issue 13 §3): what a select shows after saving, and
screenshots of the pages changed for it in both languages (saved under screenshots/)."""

from pathlib import Path

import pytest
from django.core.management import call_command

from demo.texts import DEMO_PASSWORD
from programs.models import Cohort
from talents.models import Talent
from tests.factories import FilmFactory, MentorFactory, UserFactory
from tests.factories.portal import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/workspace/")


def test_the_producer_select_shows_the_paired_producer_after_saving(browser_page, screenshot):
    UserFactory(email="staff@example.org", is_staff=True, preferred_language="en")
    film = FilmFactory()
    producer = MentorFactory(name_latin="Yang Cheng", name_original="杨城")
    page = browser_page
    _sign_in(page, "staff@example.org")

    page.goto(f"/en/workspace/films/{film.pk}/")
    page.locator("#id_producer").select_option(str(producer.pk))
    page.locator("#id_producer").locator("xpath=ancestor::form").locator("button").click()
    page.wait_for_load_state()
    screenshot(page, "journey-film-producer-en")

    assert page.locator("#id_producer").input_value() == str(producer.pk)


SHOTS = Path("/tmp/shots/journey")


def test_the_changed_staff_pages_in_both_languages(
    browser_page, django_capture_on_commit_callbacks
):
    """Screenshots of the staff pages changed for issue 13 §3, in English and Chinese, with
    the demo data (saved in /tmp/shots/journey; looked at by hand, asserted on here)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--no-posters")
    cohort = Cohort.objects.get(slug="demo-cohort")
    talent = Talent.objects.get(slug="demo-director-lin")
    screening = cohort.screenings.get()
    page = browser_page
    complaints = []
    page.on("console", lambda message: complaints.append(message.text))
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("staff@talents.example")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/workspace/")
    pages = {
        "talents": "talents/",
        "mentors": "mentors/",
        "talent-edit": f"talents/{talent.pk}/",
        "erase": f"talents/{talent.pk}/erase/",
        "roster": f"cohorts/{cohort.slug}/people/",
        "cohort-edit": f"cohorts/{cohort.slug}/edit/",
        "dashboard": f"cohorts/{cohort.slug}/",
        "screenings": f"cohorts/{cohort.slug}/screenings/",
        "screening": f"screenings/{screening.pk}/",
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    for language in ("en", "zh-hans"):
        for name, path in pages.items():
            page.goto(f"/{language}/workspace/{path}")
            page.screenshot(path=str(SHOTS / f"{name}-{language}.png"), full_page=True)
            assert page.locator("h1").count() >= 1

    assert [text for text in complaints if "Content Security Policy" in text] == []
