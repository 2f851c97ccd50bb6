"""The workspace's guest pages (issue 18) for the matrix: their URL arguments and staff's
answers (everybody else: 404, anonymous: sign in), joined in expectations.py."""

from django.utils import timezone

from guests.industry import accreditation_grant, screener_set
from guests.market import meeting_request
from tests.factories import RegistrationFactory, RegistrationPolicyFactory, UserFactory
from tests.factories.guests import MarketDayFactory

REDIRECT = "redirect"


def add_guest_roles(world) -> None:
    """The matrix's new roles: a registered guest and an accredited industry guest."""
    world.registered_guest = UserFactory(full_name="Rita Registered")
    policy = RegistrationPolicyFactory(screening__cohort=world.cohort)
    RegistrationFactory(screening=policy.screening, email=world.registered_guest.email)
    world.industry_guest = UserFactory(full_name="Ian Industry")
    screener_set(film=world.film, video_url="https://video.example/screener")
    accreditation_grant(
        cohort=world.cohort,
        email=world.industry_guest.email,
        kind="platform",
        organisation="iQIYI",
        valid_until=timezone.localdate(),
    )


def registration(world) -> int:
    policy = RegistrationPolicyFactory(screening__cohort=world.cohort)
    return RegistrationFactory(screening=policy.screening).pk


def market_day(world):
    return MarketDayFactory(cohort=world.cohort)


def meeting(world) -> int:
    """The industry guest's request to meet the world's film (director and producer)."""
    day = market_day(world)
    request = meeting_request(
        accreditation=world.industry_guest.industry_accreditations.get(),
        film=world.film,
        market_day=day,
        starts_at=day.slots()[0],
    )
    return request.pk


GUEST_WORKSPACE_ARGUMENTS = {
    "registration_id": registration,
    "accreditation_id": lambda world: world.industry_guest.industry_accreditations.get().pk,
    "day_id": lambda world: market_day(world).pk,
    "meeting_id": meeting,
}

# Forms posted empty come back with their errors (400); one-button decisions redirect to the
# list with a message, also when the decision does not apply.
GUEST_WORKSPACE_STAFF_ANSWERS = {
    ("guests", "GET"): 200,
    ("guests", "POST"): 400,
    ("guests_csv", "GET"): 200,
    ("guests_email", "GET"): 200,
    ("guests_email", "POST"): 400,
    ("guests_badges", "GET"): 200,
    ("check_in", "GET"): 200,
    ("check_in", "POST"): 400,
    ("guest_approve", "POST"): REDIRECT,
    ("guest_decline", "POST"): REDIRECT,
    ("guest_cancel", "POST"): REDIRECT,
    ("industry", "GET"): 200,
    ("industry", "POST"): 400,
    ("accreditation_withdraw", "POST"): REDIRECT,
    ("market", "GET"): 200,
    ("market", "POST"): 400,
    ("market_csv", "GET"): 200,
    ("market_day", "GET"): 200,
    ("market_day", "POST"): 400,
    ("market_meeting_cancel", "POST"): REDIRECT,
}
