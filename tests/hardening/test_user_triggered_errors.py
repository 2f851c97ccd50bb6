"""Answers a person could turn into a 500 (issue 15, Low 8): reopening an approved submission
whose file was purged, the admin page of a submission with a file, and a screening title with a
line break in its .ics."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from films.models import MilestoneSubmission
from tests.factories import ScreeningFactory, SubmissionFactory, UserFactory, pdf_bytes
from tests.factories.portal import portal_world

pytestmark = pytest.mark.django_db


def test_reopening_an_approved_submission_whose_file_was_purged(client):
    world = portal_world()
    submission = SubmissionFactory(
        film=world.film,
        milestone=world.document_milestone,
        video_url="",
        file="",
        purged_at=timezone.now(),
        submitted_by=world.director,
        status=MilestoneSubmission.Status.APPROVED,
    )
    client.force_login(world.producer)

    response = client.post(
        reverse("portal:submission_reopen", args=[submission.pk]), {"reason": "Once more"}
    )

    assert response.status_code == 302, response.context["reopen_form"].errors
    submission.refresh_from_db()
    assert submission.status == MilestoneSubmission.Status.CHANGES_REQUESTED


def test_admin_page_of_a_submission_with_a_file():
    world = portal_world()
    submission = SubmissionFactory(
        film=world.film,
        milestone=world.document_milestone,
        video_url="",
        file=ContentFile(pdf_bytes(), name="script.pdf"),
    )
    admin = Client()
    admin.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = admin.get(reverse("admin:films_milestonesubmission_change", args=[submission.pk]))

    assert response.status_code == 200
    assert "/media/" not in response.text.split("<form", 1)[1].split("</form>", 1)[0]


def test_a_line_break_in_a_screening_title_stays_one_line_in_the_ics(client):
    screening = ScreeningFactory(
        title_en="Shorts\r\nNight", title_zh="短片\r\n之夜", is_published=True
    )
    url = reverse(
        "screenings:ics", kwargs={"cohort": screening.cohort.slug, "slug": screening.slug}
    )

    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) in ("Shorts Night", "短片 之夜")
