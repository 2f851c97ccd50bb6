"""Fuzz targets of the guests' forms (issue 18), joined to TARGETS in targets.py."""

from tests.fuzz.targets import FormTarget
from website.guest_forms import RegistrationForm
from workspace.guest_forms import (
    AccreditationForm,
    CheckInForm,
    GuestEmailForm,
    RegistrationPolicyForm,
    ScreenerForm,
)

GUEST_WATCHED = (
    "guests.RegistrationPolicy",
    "guests.CategoryQuota",
    "guests.Registration",
    "guests.IndustryAccreditation",
    "guests.Screener",
    "guests.ScreenerPass",
)


def open_screening(world) -> dict:
    """The fuzz world's screening, given an open registration policy in setUpTestData."""
    return {"cohort": world.cohort.slug, "slug": world.screening.slug}


GUEST_TARGETS = [
    FormTarget("guests_public:register", open_screening, "anonymous", (RegistrationForm,)),
]


def screening(world) -> dict:
    return {"screening_id": world.screening.pk}


GUEST_TARGETS += [
    FormTarget("workspace:guests", screening, "staff", (RegistrationPolicyForm,)),
    FormTarget("workspace:guests_email", screening, "staff", (GuestEmailForm,)),
    FormTarget("workspace:check_in", screening, "staff", (CheckInForm,)),
]

GUEST_TARGETS += [
    FormTarget(
        "workspace:industry",
        lambda world: {"slug": world.cohort.slug},
        "staff",
        (AccreditationForm,),
        fixed={"form": "accredit"},
    ),
    FormTarget(
        "workspace:industry",
        lambda world: {"slug": world.cohort.slug},
        "staff",
        (ScreenerForm,),
        fixed={"form": "screener"},
    ),
]
