"""A director's first day in a real browser: the invitation link, a password, the film's
milestones, a PDF submitted; then the producer signs in and approves it. In Chinese for the
director and English for the producer, with screenshots of each step in screenshots/."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from films.models import MilestoneSubmission
from tests.factories import (
    CohortFactory,
    FilmFactory,
    InvitationFactory,
    MilestoneFactory,
    PanelMembershipFactory,
    pdf_bytes,
)
from tests.factories.portal import PASSWORD, mentor_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def first_day():
    cohort = CohortFactory(year=2026, edition_en="2026 edition", edition_zh="2026年")
    producer_profile, producer = mentor_user(
        email="pat@example.org", full_name="Pat Producer", preferred_language="en"
    )
    film = FilmFactory(
        cohort=cohort,
        producer=producer_profile,
        title_en="The Cage",
        title_zh="牢笼",
        is_published=False,
    )
    PanelMembershipFactory(cohort=cohort)
    soon = timezone.localdate() + datetime.timedelta(days=14)
    script = MilestoneFactory(
        cohort=cohort, order=1, name_en="Screenplay", name_zh="剧本", due_date=soon
    )
    MilestoneFactory(
        cohort=cohort,
        order=2,
        name_en="Rough cut",
        name_zh="粗剪",
        due_date=soon + datetime.timedelta(days=60),
        deliverable_kind="video_link",
    )
    InvitationFactory(
        token="first-day-token",
        email="dana@example.org",
        language="zh-hans",
        talent=film.director,
    )
    return film, script, producer


def test_director_goes_from_invitation_to_submission_and_producer_approves(
    browser, live_server, screenshot, first_day
):
    film, script, producer = first_day
    director_context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = director_context.new_page()
    page.set_default_timeout(15_000)

    page.goto("/accounts/invitations/first-day-token/")
    screenshot(page, "portal-1-invitation-zh")
    page.get_by_label("Your full name").or_(page.locator("#id_full_name")).first.fill("林达娜")
    page.locator("#id_new_password1").fill("a-long-new-password")
    page.locator("#id_new_password2").fill("a-long-new-password")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/portal/")
    screenshot(page, "portal-2-workspace-zh")

    page.get_by_role("link", name="牢笼").click()
    page.wait_for_url(f"**/portal/films/{film.pk}/")
    screenshot(page, "portal-3-film-zh")
    page.get_by_role("link", name="剧本").click()
    page.locator("#id_file").set_input_files(
        {"name": "剧本 v1.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.locator("#id_note").fill("第一稿")
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_selector(".alert-success")
    screenshot(page, "portal-4-submitted-zh")

    submission = MilestoneSubmission.objects.get(film=film, milestone=script)
    assert submission.original_filename == "剧本 v1.pdf"
    assert producer.email in [message.to[0] for message in mail.outbox]
    director_context.close()

    producer_context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = producer_context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/portal/reviews/")
    page.locator("#id_username").fill(producer.email)
    page.locator("#id_password").fill(PASSWORD)
    screenshot(page, "portal-5-sign-in-en")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/portal/reviews/")
    screenshot(page, "portal-6-review-queue-en")
    page.get_by_role("link", name="Screenplay").click()
    page.get_by_label("Approve").check()
    page.locator("#id_feedback").fill("A strong first draft.")
    screenshot(page, "portal-7-review-en")
    page.get_by_role("button", name="Save the decision").click()
    page.wait_for_selector(".alert-success")
    screenshot(page, "portal-8-approved-en")
    producer_context.close()

    submission.refresh_from_db()
    assert (submission.status, submission.reviewed_by) == ("approved", producer)
    assert submission.feedback == "A strong first draft."
