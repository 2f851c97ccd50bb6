"""The change history covers everything staff can change (issue 13 §3): cohorts, the milestone
schedule and its due dates, partners and what they give, talent and mentor profiles, panel
seats, venues and announcements; and writes that skip model signals (`QuerySet.update`) through
core.services.rows_update."""

import datetime

import pytest
from django.urls import reverse

from core.services import rows_update
from films.models import MilestoneSubmission
from programs.models import Cohort, MilestoneDefinition
from tests.factories import (
    CohortFactory,
    CohortPartnerFactory,
    MentorFactory,
    MilestoneFactory,
    PanelMembershipFactory,
    PartnerFactory,
    SubmissionFactory,
    TalentFactory,
    VenueFactory,
)
from workspace.models import AuditEntry

pytestmark = pytest.mark.django_db


def _entry(label: str, pk, action: str = "changed") -> AuditEntry:
    return AuditEntry.objects.get(model_label=label, object_pk=str(pk), action=action)


def test_a_cohort_change_is_recorded(staff_client, staff):
    cohort = CohortFactory(edition_en="Old name")
    data = {
        "program": cohort.program_id,
        "slug": cohort.slug,
        "year": cohort.year,
        "edition_en": "New name",
        "training_start": cohort.training_start,
        "training_end": cohort.training_end,
        "premiere_date": cohort.premiere_date,
        "status": cohort.status,
    }

    staff_client.post(reverse("workspace:cohort_edit", args=[cohort.slug]), data)

    entry = _entry("programs.Cohort", cohort.pk)
    assert (entry.actor, entry.door) == (staff, "workspace")
    assert entry.changes["edition_en"] == ["Old name", "New name"]


def test_a_milestone_due_date_change_is_recorded(staff_client):
    milestone = MilestoneFactory(due_date=datetime.date(2026, 3, 1))
    data = {
        "order": milestone.order,
        "name_en": milestone.name_en,
        "due_date": "2026-03-08",
        "deliverable_kind": milestone.deliverable_kind,
    }

    staff_client.post(reverse("workspace:milestone_edit", args=[milestone.pk]), data)

    entry = _entry("programs.MilestoneDefinition", milestone.pk)
    assert entry.changes["due_date"] == ["2026-03-01", "2026-03-08"]


def test_a_copied_schedule_is_recorded_milestone_by_milestone(staff_client):
    source = MilestoneFactory().cohort
    MilestoneFactory(cohort=source)
    target = CohortFactory()

    staff_client.post(
        reverse("workspace:schedule_copy", args=[target.slug]),
        {"source": source.pk, "shift_days": "365"},
    )

    created = AuditEntry.objects.filter(
        model_label="programs.MilestoneDefinition", action="created"
    )
    copied = MilestoneDefinition.objects.filter(cohort=target)
    assert {e.object_pk for e in created} >= {str(m.pk) for m in copied}
    assert copied.count() == 2


def test_a_partner_and_what_it_gives_a_cohort_are_recorded(staff_client):
    partner = PartnerFactory()
    cohort = CohortFactory()

    staff_client.post(
        reverse("workspace:cohort_partners", args=[cohort.slug]),
        {"partner": partner.pk, "order": "1", "service_en": "Sound", "service_zh": "声音"},
    )

    entry = AuditEntry.objects.get(model_label="programs.CohortPartner", action="created")
    assert entry.changes["service_en"] == [None, "Sound"]


def test_removing_a_partner_from_a_cohort_is_recorded(staff_client):
    partnership = CohortPartnerFactory()

    staff_client.post(reverse("workspace:cohort_partner_remove", args=[partnership.pk]))

    assert _entry("programs.CohortPartner", partnership.pk, "deleted")


def test_a_talent_profile_change_is_recorded(staff_client):
    talent = TalentFactory(bio_en="Old bio.")

    staff_client.post(
        reverse("workspace:talent_edit", args=[talent.pk]),
        {"slug": talent.slug, "name_latin": talent.name_latin, "bio_en": "New bio."},
    )

    assert _entry("talents.Talent", talent.pk).changes["bio_en"] == ["Old bio.", "New bio."]


def test_a_mentor_profile_change_is_recorded(staff_client):
    mentor = MentorFactory(title_en="Producer")

    staff_client.post(
        reverse("workspace:mentor_edit", args=[mentor.pk]),
        {"slug": mentor.slug, "name_latin": mentor.name_latin, "title_en": "Supervisor"},
    )

    assert _entry("mentors.Mentor", mentor.pk).changes["title_en"] == ["Producer", "Supervisor"]


def test_panel_seats_are_recorded(staff_client):
    seat = PanelMembershipFactory()

    staff_client.post(reverse("workspace:panel_remove", args=[seat.pk]))

    assert _entry("mentors.PanelMembership", seat.pk, "deleted")


def test_a_venue_change_is_recorded(staff_client):
    venue = VenueFactory(capacity=100)

    staff_client.post(
        reverse("workspace:venue_edit", args=[venue.pk]),
        {"slug": venue.slug, "name_en": venue.name_en, "capacity": "120"},
    )

    assert _entry("screenings.Venue", venue.pk).changes["capacity"] == [100, 120]


def test_an_announcement_is_recorded(staff_client, staff):
    cohort = CohortFactory()

    staff_client.post(
        reverse("workspace:announcements", args=[cohort.slug]),
        {"audience": "cohort", "subject_en": "Hello", "body_en": "Welcome."},
    )

    entry = AuditEntry.objects.get(model_label="workspace.Announcement", action="created")
    assert entry.actor == staff
    assert entry.changes["subject_en"] == [None, "Hello"]


def test_the_edit_page_shows_the_records_history(staff_client):
    venue = VenueFactory(capacity=100)
    url = reverse("workspace:venue_edit", args=[venue.pk])
    staff_client.post(url, {"slug": venue.slug, "name_en": venue.name_en, "capacity": "120"})

    response = staff_client.get(url)

    assert response.context["history"][0].changes["capacity"] == [100, 120]


def test_a_bulk_update_through_rows_update_is_recorded_row_by_row():
    first, second = SubmissionFactory(note="a"), SubmissionFactory(note="b")

    count = rows_update(MilestoneSubmission.objects.all(), note="")

    entries = AuditEntry.objects.filter(model_label="films.MilestoneSubmission", action="changed")
    assert count == 2
    assert {e.object_pk for e in entries} == {str(first.pk), str(second.pk)}
    assert {tuple(e.changes["note"]) for e in entries} == {("a", ""), ("b", "")}
    assert {e.film_pk for e in entries} == {first.film_id, second.film_id}


def test_rows_update_of_a_cohort_is_recorded_too():
    cohort = CohortFactory()
    AuditEntry.objects.all().delete()

    rows_update(Cohort.objects.filter(pk=cohort.pk), status=Cohort.Status.ARCHIVED)

    assert _entry("programs.Cohort", cohort.pk).changes == {"status": ["training", "archived"]}
