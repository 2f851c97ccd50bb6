"""Making the films in a real browser, in Chinese and in English, with screenshots in
screenshots/: a director requests a booking in the portal and staff approve it in the
workspace; a person's sessions and calendar address in the portal (a cancelled session shown
as such); the money page of a film and the payments list for staff. No page may draw with a
Content-Security-Policy complaint."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from grants.models import BudgetLine, Grant, Instalment
from outbox.models import OutboxMessage
from resources.models import Booking
from tests.factories import CohortPartnerFactory, portal_world
from tests.factories.portal import PASSWORD
from tests.factories.resources import AvailabilityFactory, ResourceFactory
from tests.factories.training import SessionFactory, beijing, world_masterclass
from training.services import session_invite

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def speak(page, live_server, language: str) -> None:
    """The portal's addresses carry no language: the cookie a sign-in or the language page
    sets decides it."""
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )


def sign_in(browser, live_server, user, *, locale: str):
    context = browser.new_context(
        base_url=live_server.url, locale=locale, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)  # the shared machine is slow at times; nothing is timed
    complaints = []
    page.on("console", lambda message: complaints.append(message.text))
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    return context, page, complaints


def csp(complaints: list[str]) -> list[str]:
    return [text for text in complaints if "Content Security Policy" in text]


@pytest.fixture
def world():
    world = portal_world()
    world.film.title_zh, world.film.title_en = "牢笼", "The Cage"
    world.film.save()
    world.resource = ResourceFactory(
        name_zh="调色棚", name_en="Grading suite", limit_per_film=3, quantity=1
    )
    world.resource.partner.name_zh = "影像森林"
    world.resource.partner.name_en = "Image Forestt"
    world.resource.partner.save()
    CohortPartnerFactory(cohort=world.cohort, partner=world.resource.partner)
    AvailabilityFactory(resource=world.resource)
    return world


def test_a_director_requests_a_booking_and_staff_approve_it(
    browser, live_server, screenshot, world
):
    first = timezone.localdate() + datetime.timedelta(days=12)
    context, page, complaints = sign_in(browser, live_server, world.director, locale="zh-CN")

    speak(page, live_server, "zh-hans")
    page.goto(url("portal:film_bookings", "zh-hans", film_id=world.film.pk))
    page.locator("#id_resource").select_option(str(world.resource.pk))
    page.locator("#id_start_date").fill(first.isoformat())
    page.locator("#id_end_date").fill((first + datetime.timedelta(days=1)).isoformat())
    page.locator("#id_note").fill("两天调色")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_selector(".alert-success")
    screenshot(page, "production-1-booking-requested-zh")
    speak(page, live_server, "en")
    page.goto(url("portal:film_bookings", "en", film_id=world.film.pk))
    screenshot(page, "production-2-booking-requested-en")
    director_row = page.locator("main tbody tr").first.inner_text()
    director_complaints = csp(complaints)
    context.close()

    context, page, complaints = sign_in(browser, live_server, world.staff, locale="en-US")
    page.goto(url("workspace:cohort_bookings", "en", slug=world.cohort.slug))
    screenshot(page, "production-3-bookings-to-decide-en")
    page.get_by_label("Approve and ask the partner to confirm").check()
    page.get_by_role("button", name="Save the decision").click()
    page.wait_for_selector(".alert-success")
    screenshot(page, "production-4-booking-approved-en")
    page.goto(url("workspace:cohort_bookings", "zh-hans", slug=world.cohort.slug))
    screenshot(page, "production-5-bookings-zh")
    staff_complaints = csp(complaints)
    context.close()

    booking = Booking.objects.get()
    assert "Requested" in director_row
    assert (booking.status, booking.start_date, booking.note) == ("approved", first, "两天调色")
    assert OutboxMessage.objects.filter(recipient=world.resource.contact_email).exists()
    assert director_complaints == staff_complaints == []


def test_the_portal_shows_a_persons_sessions_and_gives_a_calendar_address(
    browser, live_server, screenshot, world
):
    world_masterclass(world)
    off = world_masterclass(world, title_en="Sound design", title_zh="声音设计")
    context, page, complaints = sign_in(browser, live_server, world.staff, locale="zh-CN")
    page.goto(url("workspace:session_edit", "zh-hans", session_id=off.pk))
    screenshot(page, "production-6a-session-edit-zh")
    page.goto(url("workspace:session", "en", session_id=off.pk))
    page.locator("summary", has_text="Cancel the session").click()
    page.locator("#id_note").fill("The studio is closed.")
    screenshot(page, "production-6b-session-cancel-en")
    page.get_by_role("button", name="Cancel it and tell everyone invited").click()
    page.wait_for_selector(".alert-success")
    screenshot(page, "production-6c-session-cancelled-en")
    staff_complaints = csp(complaints)
    context.close()
    past = SessionFactory(
        cohort=world.cohort, starts_at=beijing(-7), ends_at=beijing(-7, 17), title_en="Pitching"
    )
    session_invite(session=past)
    context, page, complaints = sign_in(browser, live_server, world.director, locale="en-US")

    speak(page, live_server, "en")
    page.goto(url("portal:sessions", "en"))
    page.get_by_role("button", name="Make my calendar address").click()
    feed_url = page.locator(".portal-feed-url").inner_text()
    screenshot(page, "production-6-sessions-en")
    cards = page.locator(".portal-card").all_inner_texts()
    feed = page.request.get(feed_url).text()
    page.goto(url("portal:session", "en", session_id=off.pk))
    screenshot(page, "production-7-cancelled-session-en")
    notice = page.locator(".alert-warning").inner_text()
    speak(page, live_server, "zh-hans")
    page.goto(url("portal:sessions", "zh-hans"))
    screenshot(page, "production-8-sessions-zh")
    heading = page.locator("h1").first.inner_text()
    page.goto(url("portal:session", "zh-hans", session_id=off.pk))
    screenshot(page, "production-9-cancelled-session-zh")
    context.close()

    assert len(cards) == 3
    assert any("Sound design" in card and "Cancelled" in card for card in cards)
    assert "SUMMARY:Directing masterclass" in feed
    assert "Sound design" not in feed
    assert notice == "This session was cancelled. The studio is closed."
    assert heading == "我的活动"
    assert off.attendees.filter(user=world.director).exists()
    assert staff_complaints == csp(complaints) == []


def test_staff_plan_a_films_grant_and_see_the_payments(browser, live_server, screenshot, world):
    BudgetLine.objects.create(
        film=world.film, category="crew", description_en="Crew", amount_cny=300000
    )
    context, page, complaints = sign_in(browser, live_server, world.staff, locale="en-US")

    page.goto(url("workspace:film_money", "en", film_id=world.film.pk))
    page.locator("#id_grant_amount_cny").fill("100000")
    page.locator("#id_instalments-0-milestone").select_option(str(world.document_milestone.pk))
    page.locator("#id_instalments-0-percent").fill("30")
    page.locator("#id_instalments-1-milestone").select_option(str(world.video_milestone.pk))
    page.locator("#id_instalments-1-percent").fill("70")
    page.get_by_role("button", name="Save the grant").click()
    page.wait_for_selector(".alert-success")
    screenshot(page, "production-10-film-money-en")
    page.goto(url("workspace:film_money", "zh-hans", film_id=world.film.pk))
    screenshot(page, "production-11-film-money-zh")
    Instalment.objects.filter(milestone=world.document_milestone).update(status="due")
    page.goto(url("workspace:finance", "en"))
    screenshot(page, "production-12-payments-en")
    rows = page.locator("main tbody tr").count()
    page.goto(url("workspace:finance", "zh-hans"))
    screenshot(page, "production-13-payments-zh")
    nav = page.locator(".portal-nav").inner_text()
    context.close()

    grant = Grant.objects.get(film=world.film)
    assert grant.amount_cny == 100000
    assert sorted(i.amount_cny for i in grant.film.instalments.all()) == [30000, 70000]
    assert rows == 2
    assert "财务" in nav
    assert csp(complaints) == []


def test_the_portal_shows_a_locked_milestone_with_its_reason(
    browser, live_server, screenshot, world
):
    world.image_milestone.requires.set([world.document_milestone])
    context, page, complaints = sign_in(browser, live_server, world.director, locale="zh-CN")
    milestone = url(
        "portal:milestone",
        "en",
        film_id=world.film.pk,
        milestone_id=world.image_milestone.pk,
    )

    speak(page, live_server, "zh-hans")
    page.goto(url("portal:film", "zh-hans", film_id=world.film.pk))
    screenshot(page, "production-14-film-pipeline-zh")
    page.goto(milestone)
    screenshot(page, "production-15-locked-milestone-zh")
    speak(page, live_server, "en")
    page.goto(milestone)
    screenshot(page, "production-16-locked-milestone-en")
    english = page.locator("main").inner_text()
    uploads = page.locator("form[enctype='multipart/form-data']").count()
    context.close()

    assert f"Opens when these are approved: {world.document_milestone.name_en}." in english
    assert uploads == 0
    assert csp(complaints) == []
