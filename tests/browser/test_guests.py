"""Guests in a real browser: registering and the ticket page, and the door's check-in page at
a phone's width (the typed code posted by static/js/check-in.js, the answer in large type), in
both languages, without a Content-Security-Policy complaint. Screenshots in screenshots/."""

import pytest
from django.urls import reverse
from django.utils import translation

from guests.models import Registration
from tests.factories import RegistrationFactory, RegistrationPolicyFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    complaints = []
    page.on("console", lambda message: complaints.append(message.text))
    page.complaints = complaints
    yield page
    context.close()


def sign_in_staff(page, client, live_server) -> None:
    client.force_login(UserFactory(is_staff=True))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_register_confirm_and_see_the_ticket(phone_page, screenshot, language):
    page = phone_page
    policy = RegistrationPolicyFactory(
        screening__title_en="Premiere", screening__title_zh="首映", capacity=5
    )
    with translation.override(language):
        register = reverse(
            "guests_public:register",
            kwargs={"cohort": policy.screening.cohort.slug, "slug": policy.screening.slug},
        )

    page.goto(register)
    screenshot(page, f"guests-1-register-{language}")
    page.locator("#id_name_zh").fill("王小明")
    page.locator("#id_name_en").fill("Wang Xiaoming")
    page.locator("#id_email").fill("wang@example.org")
    page.locator("main form button[type=submit]").click()
    # The "check your email" page has no form.
    page.locator("main form").wait_for(state="detached")
    registration = Registration.objects.get()
    page.goto(registration.get_absolute_url().replace("/zh-hans/", f"/{language}/"))
    page.locator("main form button[type=submit]").click()
    page.locator(".ticket__qr").wait_for()
    screenshot(page, f"guests-2-ticket-{language}")

    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    assert page.locator(".ticket__code").inner_text() == registration.ticket_code
    assert page.evaluate("document.querySelector('.ticket__qr').naturalWidth") > 0
    assert fits_the_screen(page)
    assert [c for c in page.complaints if "Content Security Policy" in c] == []


@pytest.mark.parametrize(
    ("language", "valid", "already"),
    [("en", "Valid: welcome", "Already checked in"), ("zh-hans", "有效：欢迎", "已签到过")],
)
def test_check_in_on_a_phone(phone_page, screenshot, client, live_server, language, valid, already):
    page = phone_page
    guest = RegistrationFactory(name_en="Ann Lee", name_zh="李安")
    sign_in_staff(page, client, live_server)
    with translation.override(language):
        url = reverse("workspace:check_in", kwargs={"screening_id": guest.screening_id})

    page.goto(url)
    page.locator("#id_code").fill(guest.ticket_code.replace("-", " ").lower())
    page.locator(".check-in__form button[type=submit]").click()
    page.locator(".check-in__answer--valid").wait_for()
    first = page.locator(".check-in__headline").inner_text()
    arrivals = page.locator("[data-arrivals]").inner_text()
    screenshot(page, f"guests-3-check-in-valid-{language}")
    page.locator("#id_code").fill(guest.ticket_code)
    page.locator(".check-in__form button[type=submit]").click()
    page.locator(".check-in__answer--already").wait_for()
    screenshot(page, f"guests-4-check-in-again-{language}")

    assert first == valid
    assert "1" in arrivals
    assert page.locator(".check-in__headline").inner_text() == already
    headline_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.check-in__headline')).fontSize)"
    )
    assert headline_size >= 32
    assert fits_the_screen(page)
    assert [c for c in page.complaints if "Content Security Policy" in c] == []
