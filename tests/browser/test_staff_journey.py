"""The staff journey in Chromium (issue 13 §3): what a select shows after saving, and
screenshots of the pages changed for it in both languages (saved under screenshots/)."""

import pytest

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
