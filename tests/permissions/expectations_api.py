"""The REST API (api:*) for the matrix's session clients, and the workspace's integration pages
(API tokens, webhooks). The API ignores sessions: public endpoints answer everybody 200, token
endpoints answer 401 to every signed-in role as to anonymous visitors (no session, cookie or
CSRF token ever authorises an API call). Token clients have their own matrix:
test_api_token_matrix.py."""

from tests.factories.api import api_token
from tests.permissions.expectations import (
    REDIRECT,
    WORKSPACE_ARGUMENTS,
    WORKSPACE_STAFF_ANSWERS,
    answers,
)
from webhooks.models import Event, WebhookDelivery
from webhooks.services import endpoint_create


def everybody(answer) -> dict:
    return answers(answer, default=answer)


def no_kwargs(world) -> dict:
    return {}


def edition(world) -> dict:
    return {"slug": world.cohort.slug}


def public_film(world) -> dict:
    from tests.permissions.site_expectations import published

    film = published(world)
    return {"edition": world.cohort.slug, "slug": film.slug}


def public_director(world) -> dict:
    from tests.permissions.site_expectations import published

    return {"slug": published(world).director.slug}


def public_mentor(world) -> dict:
    from tests.permissions.site_expectations import published

    return {"slug": published(world).producer.slug}


def public_screening(world) -> dict:
    from tests.permissions.site_expectations import published_screening

    return {"edition": world.cohort.slug, "slug": published_screening(world).slug}


def enrollment(world) -> dict:
    return {"enrollment_id": world.film.director.enrollments.get(cohort=world.cohort).pk}


def film_info(world) -> dict:
    return {"film_id": world.film.pk}


def lineup(world) -> dict:
    from tests.factories import ScreeningFactory

    return {"screening_id": ScreeningFactory(cohort=world.cohort).pk}


def lineup_entry(world) -> dict:
    from tests.factories import ScreeningFilmFactory

    entry = ScreeningFilmFactory(screening__cohort=world.cohort, film=world.film)
    return {"screening_id": entry.screening_id, "entry_id": entry.pk}


def application(world) -> dict:
    from tests.factories.calls import ApplicationFactory

    return {"application_id": ApplicationFactory(call__cohort=world.cohort).pk}


API_ARGUMENTS = {
    "api:schema": no_kwargs,
    "api:docs": no_kwargs,
    "api:editions": no_kwargs,
    "api:edition": edition,
    "api:films": no_kwargs,
    "api:film": public_film,
    "api:directors": no_kwargs,
    "api:director": public_director,
    "api:mentors": no_kwargs,
    "api:mentor": public_mentor,
    "api:screenings": no_kwargs,
    "api:screening": public_screening,
    "api:enrollments": no_kwargs,
    "api:enrollment": enrollment,
    "api:film_info": film_info,
    "api:lineup": lineup,
    "api:lineup_entry": lineup_entry,
    "api:submissions": no_kwargs,
    "api:applications": no_kwargs,
    "api:application": application,
    "api:reviews": no_kwargs,
    "api:not_found": lambda world: {"path": "no/such/thing"},
}
PUBLIC_API = [
    "api:schema",
    "api:docs",
    "api:editions",
    "api:edition",
    "api:films",
    "api:film",
    "api:directors",
    "api:director",
    "api:mentors",
    "api:mentor",
    "api:screenings",
    "api:screening",
]
# (name, method) → the scope a token needs; every method a token endpoint takes.
TOKEN_API = {
    ("api:enrollments", "GET"): "read:enrollments",
    ("api:enrollments", "POST"): "write:enrollments",
    ("api:enrollment", "GET"): "read:enrollments",
    ("api:enrollment", "PATCH"): "write:enrollments",
    ("api:film_info", "GET"): "write:films",
    ("api:film_info", "PATCH"): "write:films",
    ("api:lineup", "GET"): "write:lineups",
    ("api:lineup", "POST"): "write:lineups",
    ("api:lineup_entry", "PATCH"): "write:lineups",
    ("api:lineup_entry", "DELETE"): "write:lineups",
    ("api:submissions", "GET"): "read:submissions",
    ("api:applications", "GET"): "read:applications",
    ("api:application", "GET"): "read:applications",
    ("api:reviews", "GET"): "read:applications",
}

API_EXPECTATIONS = {
    **{(name, "GET"): (API_ARGUMENTS[name], everybody(200)) for name in PUBLIC_API},
    # Writes to a public endpoint: not allowed (405) for everybody.
    ("api:films", "POST"): (no_kwargs, everybody(405)),
    **{key: (API_ARGUMENTS[key[0]], everybody(401)) for key in TOKEN_API},
    ("api:not_found", "GET"): (API_ARGUMENTS["api:not_found"], everybody(404)),
}


def _webhook_endpoint(world):
    endpoint, _secret = endpoint_create(
        url="https://partner.example.org/hooks", events=[Event.FILM_PUBLISHED], created_by=None
    )
    return endpoint


WORKSPACE_ARGUMENTS |= {
    "token_id": lambda world: api_token(user=world.staff)[0].pk,
    "endpoint_id": lambda world: _webhook_endpoint(world).pk,
    "delivery_id": lambda world: (
        WebhookDelivery.objects.create(
            endpoint=_webhook_endpoint(world),
            event=Event.FILM_PUBLISHED,
            body="{}",
            status=WebhookDelivery.Status.FAILED,
        ).pk
    ),
}
WORKSPACE_STAFF_ANSWERS |= {
    ("api_tokens", "GET"): 200,
    ("api_tokens", "POST"): 400,
    ("api_token_revoke", "POST"): REDIRECT,
    ("webhook_endpoints", "GET"): 200,
    ("webhook_endpoints", "POST"): 400,
    ("webhook_endpoint", "GET"): 200,
    ("webhook_endpoint_toggle", "POST"): REDIRECT,
    ("webhook_delivery", "GET"): 200,
    ("webhook_delivery_resend", "POST"): REDIRECT,
}
