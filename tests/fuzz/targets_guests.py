"""Fuzz targets of the guests' forms (issue 18), joined to TARGETS in targets.py."""

import datetime

from django.utils import timezone

from guests.industry import industry_invitation_token_hash
from guests.models import IndustryInvitation
from portal.forms import InvitationAcceptForm
from portal.market_forms import MeetingRequestForm
from tests.factories import UserFactory
from tests.factories.guests import IndustryAccreditationFactory, MarketDayFactory
from tests.fuzz.targets import FormTarget
from website.guest_forms import RegistrationForm
from workspace.guest_forms import (
    AccreditationForm,
    CheckInForm,
    GuestEmailForm,
    IndustryInviteForm,
    MarketDayForm,
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
    "guests.MarketDay",
    "guests.Meeting",
    "guests.MeetingAttendee",
    "guests.IndustryInvitation",
)


def market_world(world) -> None:
    """An industry guest accredited for the world's cohort, its market day, and an industry
    invitation whose link is known."""
    world.industry_guest = UserFactory(full_name="Ian Industry")
    IndustryAccreditationFactory(cohort=world.cohort, user=world.industry_guest)
    world.market_day = MarketDayFactory(cohort=world.cohort)
    world.industry_invitation_token = "fuzz-industry-invitation-token"
    IndustryInvitation.objects.create(
        cohort=world.cohort,
        email="invited-guest@example.org",
        organisation="Fictional Sales",
        valid_until=timezone.localdate(),
        token_hash=industry_invitation_token_hash(world.industry_invitation_token),
        expires_at=timezone.now() + datetime.timedelta(days=1),
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

GUEST_TARGETS += [
    FormTarget(
        "workspace:industry",
        lambda world: {"slug": world.cohort.slug},
        "staff",
        (IndustryInviteForm,),
        fixed={"form": "invite"},
    ),
    FormTarget(
        "workspace:market", lambda world: {"slug": world.cohort.slug}, "staff", (MarketDayForm,)
    ),
    FormTarget(
        "workspace:market_day",
        lambda world: {"day_id": world.market_day.pk},
        "staff",
        (MarketDayForm,),
    ),
    FormTarget(
        "guests_portal:meeting_request",
        lambda world: {"film_id": world.film.pk},
        "industry_guest",
        (MeetingRequestForm,),
    ),
    FormTarget(
        "guests_portal:invitation",
        lambda world: {"token": world.industry_invitation_token},
        "anonymous",
        (InvitationAcceptForm,),
    ),
]
