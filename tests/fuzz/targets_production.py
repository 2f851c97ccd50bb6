"""The forms for making the films (issue 17), merged into targets.TARGETS with one import, and
what the fuzz world needs for them (`production_world`) and watches (`PRODUCTION_WATCHED`)."""

from production_portal import forms as portal_forms
from tests.factories import CohortPartnerFactory
from tests.factories.resources import AvailabilityFactory, BookingFactory, ResourceFactory
from workspace import production_forms as pf

PRODUCTION_WATCHED = ("resources.Resource", "resources.Availability", "resources.Booking")


def production_world(world) -> None:
    world.resource = ResourceFactory(limit_per_film=3)
    CohortPartnerFactory(cohort=world.cohort, partner=world.resource.partner)
    AvailabilityFactory(resource=world.resource)
    world.booking = BookingFactory(resource=world.resource, film=world.film)


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
    ]
