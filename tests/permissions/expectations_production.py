"""The declared answers of the URLs for making the films (issue 17): the portal's bookings,
the partner's confirmation link, the workspace's resources and bookings. Merged into
expectations.EXPECTATIONS with one import line."""

from grants.models import BudgetLine, Grant, Instalment
from resources.services import token_hash
from tests.factories.resources import AvailabilityFactory, BookingFactory, ResourceFactory
from tests.factories.training import SessionFactory
from tests.permissions.expectations import LOGIN, REDIRECT, answers, no_kwargs
from tests.permissions.site_expectations import ADMIN_SAMPLES
from training.models import SessionNote
from training.services import calendar_feed_regenerate, session_invite

PARTNER_TOKEN = "matrix-partner-token"


def film_team(answer) -> dict:
    return answers(default=404, director=answer, producer=answer)


def world_booking(world, **fields):
    return BookingFactory(film=world.film, **fields)


def world_instalment(world) -> Instalment:
    return Instalment.objects.create(
        film=world.film, milestone=world.document_milestone, amount_cny=1000
    )


def world_budget_line(world) -> BudgetLine:
    return BudgetLine.objects.create(film=world.film, category="crew", amount_cny=1000)


def world_session(world):
    """A workshop for the whole cohort taught by the panel member: the film's people, the
    neighbour film's director and the panel member are invited."""
    session = SessionFactory(cohort=world.cohort)
    session.mentors.add(world.panel_member.mentor_profile)
    session_invite(session=session)
    return session


def session_kwargs(world) -> dict:
    return {"session_id": world_session(world).pk}


def feed_kwargs(world) -> dict:
    return {"token": calendar_feed_regenerate(user=world.director)}


INVITED = ("director", "same_cohort_director", "producer", "panel_member")


def invited(answer) -> dict:
    return answers(default=404, **dict.fromkeys(INVITED, answer))


def film_kwargs(world) -> dict:
    return {"film_id": world.film.pk}


def booking_kwargs(world) -> dict:
    return {"booking_id": world_booking(world).pk}


def partner_kwargs(world) -> dict:
    world_booking(world, status="approved", confirm_token_hash=token_hash(PARTNER_TOKEN))
    return {"token": PARTNER_TOKEN}


ARGUMENTS = {
    "slug": lambda world: world.cohort.slug,
    "resource_id": lambda world: ResourceFactory().pk,
    "period_id": lambda world: AvailabilityFactory().pk,
    "booking_id": lambda world: world_booking(world).pk,
    "partner_id": lambda world: ResourceFactory().partner_id,
    "film_id": lambda world: world.film.pk,
    "instalment_id": lambda world: world_instalment(world).pk,
    "line_id": lambda world: world_budget_line(world).pk,
    "session_id": lambda world: world_session(world).pk,
}

# Money: staff and the finance role alike; nobody else.
MONEY_ANSWERS = {
    ("finance", "GET"): 200,
    ("finance_export", "GET"): 200,
    ("instalment_pay", "POST"): REDIRECT,
    ("film_money", "GET"): 200,
    ("budget_line_add", "POST"): 400,
    ("budget_line_remove", "POST"): REDIRECT,
    ("grant_plan", "POST"): 400,
    ("cohort_in_kind", "GET"): 200,
}

STAFF_ANSWERS = {
    ("resources", "GET"): 200,
    ("resource_create", "GET"): 200,
    ("resource_create", "POST"): 400,
    ("resource_edit", "GET"): 200,
    ("resource_edit", "POST"): 400,
    ("availability_add", "POST"): 400,
    ("availability_remove", "POST"): REDIRECT,
    ("resource_calendar", "GET"): 200,
    ("cohort_bookings", "GET"): 200,
    ("cohort_calendar", "GET"): 200,
    ("booking_decide", "POST"): REDIRECT,
    ("booking_cancel", "POST"): REDIRECT,
    ("partner_bookings_csv", "GET"): 200,
    ("sessions", "GET"): 200,
    ("session_create", "GET"): 200,
    ("session_create", "POST"): 400,
    ("session", "GET"): 200,
    ("session_edit", "GET"): 200,
    ("session_edit", "POST"): 400,
    ("session_cancel", "POST"): REDIRECT,
    ("session_attendance", "POST"): 400,
    ("session_note", "POST"): 400,
    ("mentor_workload", "GET"): 200,
}


def _workspace_kwargs(name: str):
    from workspace.urls import urlpatterns

    pattern = next(p for p in urlpatterns if p.name == name)
    keys = list(pattern.pattern.converters)
    return lambda world: {key: ARGUMENTS[key](world) for key in keys}


PRODUCTION_EXPECTATIONS = (
    {
        ("portal:film_bookings", "GET"): (film_kwargs, film_team(200)),
        ("portal:film_bookings", "POST"): (film_kwargs, film_team(400)),
        ("portal:booking_cancel", "POST"): (booking_kwargs, film_team(REDIRECT)),
        # The partner's link: anybody holding it, with or without an account.
        ("partner:booking", "GET"): (partner_kwargs, answers(200, default=200)),
        ("partner:booking", "POST"): (partner_kwargs, answers(200, default=200)),
        # Training: everybody has a sessions page; a session answers those invited to it.
        ("portal:sessions", "GET"): (no_kwargs, answers(default=200)),
        ("portal:calendar_feed_new", "POST"): (no_kwargs, answers(default=200)),
        # The feed's secret address answers whoever holds it (calendar apps cannot sign in).
        ("portal:calendar_feed", "GET"): (feed_kwargs, answers(200, default=200)),
        ("portal:session", "GET"): (session_kwargs, invited(200)),
        ("portal:session_respond", "POST"): (session_kwargs, invited(400)),
        # Only the session's mentor records attendance and notes (before it starts: refused).
        ("portal:session_attendance", "POST"): (
            session_kwargs,
            answers(default=404, panel_member=400),
        ),
        ("portal:session_note", "POST"): (session_kwargs, answers(default=404, panel_member=400)),
    }
    | {
        (f"workspace:{name}", method): (_workspace_kwargs(name), answers(default=404, staff=staff))
        for (name, method), staff in STAFF_ANSWERS.items()
    }
    | {
        (f"workspace:{name}", method): (
            _workspace_kwargs(name),
            answers(default=404, staff=answer, finance=answer),
        )
        for (name, method), answer in MONEY_ANSWERS.items()
    }
)

ADMIN_SAMPLES |= {
    "resources.Resource": lambda world: ResourceFactory(),
    "resources.Booking": lambda world: world_booking(world),
    "grants.Instalment": world_instalment,
    "grants.BudgetLine": world_budget_line,
    "grants.Grant": lambda world: Grant.objects.create(film=world.film, amount_cny=1000),
    "training.Session": world_session,
    "training.SessionNote": lambda world: SessionNote.objects.create(
        session=world_session(world), film=world.film, body="Matrix note"
    ),
}

__all__ = ["LOGIN", "PRODUCTION_EXPECTATIONS"]
