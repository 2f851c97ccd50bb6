"""Declared answers of the guests' URLs (issue 18): the public registration pages, reached by
anybody, and the registration pages behind each guest's secret link, which answer the same to
every role (the link is the key; a made-up one is 404, tested in tests/guests)."""

from guests.models import Registration
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

GUEST_ADMIN_SAMPLES = {
    "guests.RegistrationPolicy": lambda world: RegistrationPolicyFactory(
        screening__cohort=world.cohort
    ),
    "guests.Registration": lambda world: RegistrationFactory(screening__cohort=world.cohort),
    "rights.Licence": lambda world: LicenceFactory(film=world.film),
}
