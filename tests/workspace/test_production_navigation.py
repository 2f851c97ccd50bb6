"""Every workspace page for making the films (resources, grants, training) is reachable by
following links from where its reader lands: staff from the workspace's home, the finance role
from the payments it lands on after signing in. The pages are those the permission matrix
declares for GET, so a new page is covered as soon as it is declared."""

import re
from collections import deque

from django.urls import Resolver404, resolve, reverse

from accounts.views import landing_url
from grants.models import Instalment
from tests.factories import CohortPartnerFactory, portal_world
from tests.factories.grants import finance_user
from tests.factories.resources import AvailabilityFactory, BookingFactory, ResourceFactory
from tests.factories.training import world_masterclass
from tests.permissions import expectations  # noqa: F401  (loads before its production part)
from tests.permissions.expectations_production import MONEY_ANSWERS, STAFF_ANSWERS

HREF = re.compile(r'href="(/[^"#?]*)')
# Pages whose links are followed besides the production pages themselves: the way there.
HUBS = {"home", "cohort", "film"}


def production_world():
    world = portal_world()
    resource = ResourceFactory(limit_per_film=3)
    CohortPartnerFactory(cohort=world.cohort, partner=resource.partner)
    AvailabilityFactory(resource=resource)
    BookingFactory(resource=resource, film=world.film)
    Instalment.objects.create(
        film=world.film, milestone=world.document_milestone, amount_cny=1000, status="due"
    )
    world_masterclass(world)
    return world


def reached_from(client, start: str, wanted: set[str]) -> set[str]:
    """The workspace URL names linked from `start` and the pages reached from there."""
    seen, queue, fetched = set(), deque([start]), set()
    while queue:
        path = queue.popleft()
        if path in fetched or len(fetched) > 120:
            continue
        fetched.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        for href in HREF.findall(response.content.decode()):
            try:
                match = resolve(href)
            except Resolver404:
                continue
            if match.namespace != "workspace":
                continue
            seen.add(match.url_name)
            if match.url_name in wanted | HUBS and not href.endswith(".csv"):
                queue.append(href)
    return seen


def get_pages(answers: dict) -> set[str]:
    return {name for name, method in answers if method == "GET"}


def test_staff_reach_every_production_page_from_the_workspace_home(client, db):
    world = production_world()
    wanted = get_pages(STAFF_ANSWERS) | get_pages(MONEY_ANSWERS)
    client.force_login(world.staff)

    seen = reached_from(client, reverse("workspace:home"), wanted)

    assert wanted - seen == set()


def test_the_finance_role_lands_on_payments_and_reaches_every_money_page(client, db):
    production_world()
    finance = finance_user()
    wanted = get_pages(MONEY_ANSWERS)
    client.force_login(finance)

    landing = landing_url(finance)
    seen = reached_from(client, landing, wanted)

    assert landing == reverse("workspace:finance")
    assert wanted - seen == set()
