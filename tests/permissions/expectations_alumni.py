"""Declared answers of the URLs for after the film (issue 18): the workspace's licence pages,
the alumni record and the outcomes report (staff only), the alumnus's own record in the portal
(only the graduated director) and the public alumni page (everybody). Merged into
expectations.EXPECTATIONS with one import line."""

from tests.factories.alumni import AlumniEntryFactory, graduate
from tests.factories.rights import LicenceFactory
from tests.permissions.expectations import REDIRECT, answers, no_kwargs
from tests.permissions.site_expectations import ADMIN_SAMPLES, published


def alumnus(world):
    """The world's director, graduated: the portal's alumni pages are theirs."""
    graduate(world.film)
    return world.film.director


def alumnus_kwargs(world) -> dict:
    alumnus(world)
    return {}


def own_entry_kwargs(world) -> dict:
    alumnus(world)
    return {"entry_id": AlumniEntryFactory(film=world.film).pk}


ARGUMENTS = {
    "slug": lambda world: world.cohort.slug,
    "licence_id": lambda world: LicenceFactory(film=world.film).pk,
    "entry_id": lambda world: AlumniEntryFactory(film=world.film).pk,
}

# Posted empty: the forms come back with their errors; the decision is refused with a message.
STAFF_ANSWERS = {
    ("licences", "GET"): 200,
    ("licence_create", "GET"): 200,
    ("licence_create", "POST"): 400,
    ("licence_edit", "GET"): 200,
    ("licence_edit", "POST"): 400,
    ("cohort_alumni", "GET"): 200,
    ("alumni_entry_create", "GET"): 200,
    ("alumni_entry_create", "POST"): 400,
    ("alumni_entry_edit", "GET"): 200,
    ("alumni_entry_edit", "POST"): 400,
    ("alumni_entry_decide", "POST"): REDIRECT,
    ("outcomes", "GET"): 200,
    ("outcomes_csv", "GET"): 200,
}


def _workspace_kwargs(name: str):
    from workspace.urls import urlpatterns

    pattern = next(p for p in urlpatterns if p.name == name)
    keys = list(pattern.pattern.converters)
    return lambda world: {key: ARGUMENTS[key](world) for key in keys}


def everybody(answer) -> dict:
    return answers(answer, default=answer)


ALUMNI_EXPECTATIONS = {
    ("portal:alumni", "GET"): (alumnus_kwargs, answers(default=404, director=200)),
    ("portal:alumni", "POST"): (alumnus_kwargs, answers(default=404, director=400)),
    ("portal:alumni_consent", "POST"): (
        own_entry_kwargs,
        answers(default=404, director=REDIRECT),
    ),
    ("programs:cohort_alumni", "GET"): (
        lambda world: {"slug": published(world).cohort.slug},
        everybody(200),
    ),
} | {
    (f"workspace:{name}", method): (_workspace_kwargs(name), answers(default=404, staff=staff))
    for (name, method), staff in STAFF_ANSWERS.items()
}

ADMIN_SAMPLES |= {"alumni.AlumniEntry": lambda world: AlumniEntryFactory(film=world.film)}

__all__ = ["ALUMNI_EXPECTATIONS", "no_kwargs"]
