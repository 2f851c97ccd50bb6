"""Declared answers of the guests' URLs (issue 18): the public registration pages, reached by
anybody, and the registration pages behind each guest's secret link, which answer the same to
every role (the link is the key; a made-up one is 404, tested in tests/guests)."""

import datetime

from django.utils import timezone

from guests.industry import industry_invitation_token_hash
from guests.models import IndustryInvitation, Registration
from tests.factories import RegistrationFactory, RegistrationPolicyFactory, ScreeningFactory
from tests.factories.rights import LicenceFactory
from tests.permissions.expectations import LOGIN, REDIRECT, answers


def everybody(answer) -> dict:
    return answers(answer, default=answer)


def open_screening(world):
    screening = ScreeningFactory(cohort=world.cohort, is_published=True)
    RegistrationPolicyFactory(screening=screening, capacity=5)
    return screening


def register_kwargs(world) -> dict:
    return {"cohort": world.cohort.slug, "slug": open_screening(world).slug}


def secret_of(status: str):
    def build(world) -> dict:
        screening = open_screening(world)
        registration = RegistrationFactory(screening=screening, status=status)
        return {"secret": registration.link_secret}

    return build


Status = Registration.Status

GUEST_SITE_EXPECTATIONS = {
    ("guests_public:register", "GET"): (register_kwargs, everybody(200)),
    # Posted empty: the form comes back with its errors.
    ("guests_public:register", "POST"): (register_kwargs, everybody(400)),
    ("guests_public:ticket", "GET"): (secret_of(Status.CONFIRMED), everybody(200)),
    ("guests_public:confirm", "POST"): (secret_of(Status.UNCONFIRMED), everybody(REDIRECT)),
    ("guests_public:accept", "POST"): (secret_of(Status.WAITING), everybody(400)),
    ("guests_public:cancel", "GET"): (secret_of(Status.CONFIRMED), everybody(200)),
    ("guests_public:cancel", "POST"): (secret_of(Status.CONFIRMED), everybody(REDIRECT)),
}


def screener_code(world) -> dict:
    return {"code": world.industry_guest.industry_accreditations.get().passes.get().code}


# The portal's industry pages: only the accredited guest; who watched: only the director.
GUEST_SITE_EXPECTATIONS |= {
    ("guests_portal:industry", "GET"): (
        lambda world: {},
        answers(LOGIN, default=404, industry_guest=200),
    ),
    ("guests_portal:screener", "GET"): (
        screener_code,
        answers(LOGIN, default=404, industry_guest=200),
    ),
    ("guests_portal:film_viewers", "GET"): (
        lambda world: {"film_id": world.film.pk},
        answers(LOGIN, default=404, director=200),
    ),
}


def meeting_kwargs(world) -> dict:
    from tests.permissions.expectations_guests_workspace import meeting

    return {"meeting_id": meeting(world)}


def invitation_kwargs(world) -> dict:
    token = "matrix-industry-invitation-token"
    IndustryInvitation.objects.create(
        cohort=world.cohort,
        email="invited-guest@example.org",
        organisation="Fictional Sales",
        valid_until=timezone.localdate(),
        token_hash=industry_invitation_token_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    return {"token": token}


# Market meetings: the agenda for whoever takes part (an accredited guest, any film's director
# or producer); a request only from the guest accredited for the film's edition; the answers
# and cancelling from the people in the meeting (a refused answer also redirects, with a
# message); the invitation page answers anybody holding its link.
MARKET_PEOPLE = dict.fromkeys(("director", "same_cohort_director", "other_cohort_director"), 200)
MARKET_PEOPLE |= {"producer": 200, "industry_guest": 200}
IN_THE_MEETING = dict.fromkeys(("director", "producer", "industry_guest"), REDIRECT)
GUEST_SITE_EXPECTATIONS |= {
    ("guests_portal:meetings", "GET"): (
        lambda world: {},
        answers(LOGIN, default=404, **MARKET_PEOPLE),
    ),
    ("guests_portal:meetings_feed", "POST"): (
        lambda world: {},
        answers(LOGIN, default=404, **MARKET_PEOPLE),
    ),
    ("guests_portal:meeting_request", "GET"): (
        lambda world: {"film_id": world.film.pk},
        answers(LOGIN, default=404, industry_guest=200),
    ),
    ("guests_portal:meeting_request", "POST"): (
        lambda world: {"film_id": world.film.pk},
        answers(LOGIN, default=404, industry_guest=400),
    ),
    ("guests_portal:meeting_accept", "POST"): (
        meeting_kwargs,
        answers(LOGIN, default=404, **IN_THE_MEETING),
    ),
    ("guests_portal:meeting_decline", "POST"): (
        meeting_kwargs,
        answers(LOGIN, default=404, **IN_THE_MEETING),
    ),
    ("guests_portal:meeting_cancel", "POST"): (
        meeting_kwargs,
        answers(LOGIN, default=404, **IN_THE_MEETING),
    ),
    ("guests_portal:invitation", "GET"): (invitation_kwargs, everybody(200)),
    ("guests_portal:invitation", "POST"): (invitation_kwargs, everybody(400)),
}

GUEST_ADMIN_SAMPLES = {
    "guests.RegistrationPolicy": lambda world: RegistrationPolicyFactory(
        screening__cohort=world.cohort
    ),
    "guests.Registration": lambda world: RegistrationFactory(screening__cohort=world.cohort),
    "rights.Licence": lambda world: LicenceFactory(film=world.film),
}
