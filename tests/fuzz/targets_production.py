"""The forms for making the films (issue 17), merged into targets.TARGETS with one import, and
what the fuzz world needs for them (`production_world`) and watches (`PRODUCTION_WATCHED`)."""

import datetime

from django.utils import timezone

from grants.models import Instalment
from portal import production_forms as portal_forms
from tests.factories import CohortPartnerFactory
from tests.factories.grants import finance_user
from tests.factories.resources import AvailabilityFactory, BookingFactory, ResourceFactory
from tests.factories.training import SessionFactory
from training import forms as training_forms
from training.services import session_invite
from workspace import production_forms as pf

PRODUCTION_WATCHED = (
    "resources.Resource",
    "resources.Availability",
    "resources.Booking",
    "grants.BudgetLine",
    "grants.Grant",
    "grants.Instalment",
    "training.Session",
    "training.Attendee",
    "training.SessionNote",
    "training.CalendarFeed",
)


def production_world(world) -> None:
    world.resource = ResourceFactory(limit_per_film=3)
    CohortPartnerFactory(cohort=world.cohort, partner=world.resource.partner)
    AvailabilityFactory(resource=world.resource)
    world.booking = BookingFactory(resource=world.resource, film=world.film)
    world.finance = finance_user()
    world.session = SessionFactory(cohort=world.cohort)
    world.session.mentors.add(world.panel_member.mentor_profile)
    session_invite(session=world.session)
    world.past_session = SessionFactory(
        cohort=world.cohort,
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2) + datetime.timedelta(hours=2),
    )
    world.past_session.mentors.add(world.panel_member.mentor_profile)
    session_invite(session=world.past_session)
    world.instalment = Instalment.objects.create(
        film=world.film, milestone=world.document_milestone, amount_cny=1000, status="due"
    )


def production_targets(FormTarget) -> list:
    film = lambda world: {"film_id": world.film.pk}  # noqa: E731
    cohort = lambda world: {"slug": world.cohort.slug}  # noqa: E731
    resource = lambda world: {"resource_id": world.resource.pk}  # noqa: E731
    booking = lambda world: {"booking_id": world.booking.pk}  # noqa: E731
    session = lambda world: {"session_id": world.session.pk}  # noqa: E731
    past = lambda world: {"session_id": world.past_session.pk}  # noqa: E731
    return [
        FormTarget("portal:film_bookings", film, "director", (portal_forms.BookingRequestForm,)),
        FormTarget("workspace:resource_create", lambda world: {}, "staff", (pf.ResourceForm,)),
        FormTarget("workspace:resource_edit", resource, "staff", (pf.ResourceForm,)),
        FormTarget("workspace:availability_add", resource, "staff", (pf.AvailabilityForm,)),
        FormTarget("workspace:booking_decide", booking, "staff", (pf.BookingDecisionForm,)),
        FormTarget(
            "workspace:cohort_bookings", cohort, "staff", (pf.BookingFilterForm,), method="get"
        ),
        FormTarget("workspace:budget_line_add", film, "finance", (pf.BudgetLineForm,)),
        FormTarget("workspace:grant_plan", film, "staff", (pf.GrantForm,)),
        FormTarget(
            "workspace:grant_plan",
            film,
            "finance",
            (pf.InstalmentRowForm,),
            prefix="instalments",
            fixed={"amount_cny": "100000"},
        ),
        FormTarget(
            "workspace:instalment_pay",
            lambda world: {"instalment_id": world.instalment.pk},
            "finance",
            (pf.InstalmentPayForm,),
        ),
        FormTarget(
            "workspace:finance", lambda world: {}, "finance", (pf.FinanceFilterForm,), method="get"
        ),
        FormTarget("workspace:session_create", cohort, "staff", (pf.SessionForm,)),
        FormTarget("workspace:session_edit", session, "staff", (pf.SessionForm,)),
        FormTarget("workspace:session_cancel", session, "staff", (pf.SessionCancelForm,)),
        FormTarget("workspace:session_attendance", past, "staff", (training_forms.AttendanceForm,)),
        FormTarget("workspace:session_note", session, "staff", (training_forms.SessionNoteForm,)),
        FormTarget(
            "portal:session_respond", session, "director", (portal_forms.SessionResponseForm,)
        ),
        FormTarget(
            "portal:session_attendance", past, "panel_member", (training_forms.AttendanceForm,)
        ),
        FormTarget(
            "portal:session_note", session, "panel_member", (training_forms.SessionNoteForm,)
        ),
    ]
