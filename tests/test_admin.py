"""Every model is in the admin, and its list page answers with search and filters."""

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import ThrottleEntry
from films.models import ReminderSent
from outbox.models import DigestEntry, OutboxAttachment, OutboxMessage
from tests.factories import (
    CohortPartnerFactory,
    CreditFactory,
    PanelMembershipFactory,
    ScreeningFilmFactory,
    StillFactory,
    SubmissionFactory,
    UserFactory,
)
from tests.factories.alumni import AlumniEntryFactory
from tests.factories.api import api_token
from tests.factories.films import DeliverableUploadFactory
from tests.factories.invitations import InvitationFactory
from tests.factories.portal import CommentFactory, RevisionFactory
from tests.factories.workspace import AnnouncementFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = {
    "accounts",
    "alumni",
    "programs",
    "talents",
    "mentors",
    "films",
    "screenings",
    "outbox",
    "workspace",
}


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def project_models():
    return [m for m in admin.site._registry if m._meta.app_label in PROJECT_APPS]


def test_admin_registers_every_project_model():
    from django.apps import apps

    expected = {m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS}

    assert set(project_models()) == expected


@pytest.mark.parametrize("model", project_models(), ids=lambda m: m._meta.label)
def test_admin_list_page_searches_and_shows_rows(staff_client, model):
    CreditFactory()
    InvitationFactory()
    CommentFactory()
    RevisionFactory()
    AnnouncementFactory()
    message = OutboxMessage.objects.create(
        recipient="director@example.org",
        language="en",
        subject="Hello",
        body_text="Hello",
        cause="test",
    )
    OutboxAttachment.objects.create(
        message=message, filename="x.ics", mimetype="text/calendar", content=b"BEGIN:VCALENDAR"
    )
    CohortPartnerFactory()
    StillFactory()
    submission = SubmissionFactory()
    ReminderSent.objects.create(
        film=submission.film, milestone=submission.milestone, recipient=UserFactory(), kind="due_1"
    )
    ScreeningFilmFactory()
    PanelMembershipFactory()
    ThrottleEntry.objects.create(key="login-throttle:failures:account:x")
    DigestEntry.objects.create(
        recipient="mentor@example.org", language="en", summary="New", body_text="New", cause="t"
    )
    api_token(name="x")
    DeliverableUploadFactory()
    AlumniEntryFactory()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    response = staff_client.get(
        url, {"q": "x"} if admin.site._registry[model].search_fields else {}
    )
    listing = staff_client.get(url)

    assert response.status_code == 200
    assert listing.context["cl"].result_count == model.objects.count()
    assert listing.context["cl"].result_count > 0


def test_admin_film_page_has_credits_stills_and_submissions_inline(staff_client):
    credit = CreditFactory()

    response = staff_client.get(reverse("admin:films_film_change", args=[credit.film.pk]))

    inline_models = {
        formset.formset.model.__name__ for formset in response.context["inline_admin_formsets"]
    }
    assert inline_models == {"Credit", "Still", "MilestoneSubmission"}
