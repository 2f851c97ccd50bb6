"""Fuzz targets of the guests' forms (issue 18), joined to TARGETS in targets.py."""

from guests.public_forms import RegistrationForm
from tests.fuzz.targets import FormTarget

GUEST_WATCHED = ("guests.RegistrationPolicy", "guests.CategoryQuota", "guests.Registration")


def open_screening(world) -> dict:
    """The fuzz world's screening, given an open registration policy in setUpTestData."""
    return {"cohort": world.cohort.slug, "slug": world.screening.slug}


GUEST_TARGETS = [
    FormTarget("guests_public:register", open_screening, "anonymous", (RegistrationForm,)),
]
