"""The staff workspace in a real browser with the demo data: sign in, the cohort dashboard and
its timeline in English and in Chinese, screenshots in screenshots/ (git-ignored). The page
must draw without a single Content-Security-Policy complaint (no inline style or script)."""

import pytest
from django.core.management import call_command

from demo.texts import DEMO_PASSWORD
from films.models import Film, MilestoneSubmission
from programs.models import Cohort
from tests.factories import SubmissionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATUSES = ["approved", "approved", "approved", "submitted", "changes_requested"]


@pytest.fixture
def demo_cohort(django_capture_on_commit_callbacks) -> Cohort:
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    cohort = Cohort.objects.get(slug="demo-cohort")
    # Work in progress, different for each film, so the matrix and timeline have something
    # to show: film i has its first i milestones approved, then one waiting, one sent back.
    for index, film in enumerate(Film.objects.filter(cohort=cohort).order_by("slug")):
        if film.submissions.exists():
            continue  # the demo's own work under way (demo/loader.py)
        milestones = list(cohort.milestones.order_by("order"))[: index + 2]
        for milestone, status in zip(milestones, STATUSES[3 - index :], strict=False):
            SubmissionFactory(film=film, milestone=milestone, status=status)
    return cohort


def test_workspace_dashboard_and_timeline_in_english_and_chinese(
    browser_page, screenshot, demo_cohort
):
    page = browser_page
    complaints = []
    page.on("console", lambda message: complaints.append(message.text))

    page.goto("/accounts/login/?next=/en/workspace/cohorts/demo-cohort/")
    page.locator("#id_username").fill("staff@talents.example")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/en/workspace/cohorts/demo-cohort/")
    screenshot(page, "workspace-1-dashboard-en")
    first_row = page.locator(".matrix tbody tr").first
    labels = first_row.locator(".cell__label").all_inner_texts()
    page.goto("/en/workspace/cohorts/demo-cohort/timeline/")
    screenshot(page, "workspace-2-timeline-en")
    films_on_timeline = page.locator(".timeline__film-dot").count()
    page.goto("/zh-hans/workspace/cohorts/demo-cohort/")
    screenshot(page, "workspace-3-dashboard-zh")
    heading = page.locator("h1").first.inner_text()
    page.goto("/zh-hans/workspace/cohorts/demo-cohort/timeline/")
    screenshot(page, "workspace-4-timeline-zh")

    films = Film.objects.filter(cohort=demo_cohort).count()
    assert page.locator(".timeline__today").count() == 1
    assert films_on_timeline == films
    assert len(labels) == demo_cohort.milestones.count()
    assert set(labels) <= {"Not started", "Submitted", "Changes requested", "Approved"}
    assert "演示届" in heading
    assert MilestoneSubmission.objects.filter(film__cohort=demo_cohort).exists()
    assert [text for text in complaints if "Content Security Policy" in text] == []
