"""The forms for making the films (issue 17), merged into targets.TARGETS with one import, and
what the fuzz world needs for them (`production_world`) and watches (`PRODUCTION_WATCHED`)."""

from grants.models import Instalment
from production_portal import forms as portal_forms
from tests.factories import CohortPartnerFactory
from tests.factories.grants import finance_user
from tests.factories.resources import AvailabilityFactory, BookingFactory, ResourceFactory
from workspace import production_forms as pf

PRODUCTION_WATCHED = (
    "resources.Resource",
    "resources.Availability",
    "resources.Booking",
    "grants.BudgetLine",
    "grants.Grant",
    "grants.Instalment",
)


def production_world(world) -> None:
    world.resource = ResourceFactory(limit_per_film=3)
    CohortPartnerFactory(cohort=world.cohort, partner=world.resource.partner)
    AvailabilityFactory(resource=world.resource)
    world.booking = BookingFactory(resource=world.resource, film=world.film)
    world.finance = finance_user()
    world.instalment = Instalment.objects.create(
        film=world.film, milestone=world.document_milestone, amount_cny=1000, status="due"
    )


def production_targets(FormTarget) -> list:
    film = lambda world: {"film_id": world.film.pk}  # noqa: E731
    cohort = lambda world: {"slug": world.cohort.slug}  # noqa: E731
    resource = lambda world: {"resource_id": world.resource.pk}  # noqa: E731
    booking = lambda world: {"booking_id": world.booking.pk}  # noqa: E731
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
    ]
