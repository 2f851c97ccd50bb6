"""The call's list pages run a fixed number of queries whatever the number of applications,
reviewers and reviews: the ranking, the applications, the dashboard, the reviewer's list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from calls.models import Assignment
from calls.services.review import review_save
from tests.factories import UserFactory
from tests.factories.calls import ApplicationFactory, ReviewerFactory, call_world

pytestmark = pytest.mark.django_db

SIZES = pytest.mark.parametrize("extra", [0, 12], ids=["small", "large"])
# Session, user, the call and the page's own reads (the ranking: its round, the filters'
# choices, applications, reviewers' means and spreads, per-application figures); the same
# for one application or thousands.
# The user is read with their director and mentor profiles (the bar asks for both: one query).
EXPECTED = {"call_ranking": 9, "call_applications": 8, "call": 8, "review_home": 4}
PATHS = {"call": "", "call_ranking": "ranking/", "call_applications": "applications/"}


def grow(world, extra: int) -> None:
    reviewers = [world.assignment.reviewer] + [ReviewerFactory(call=world.call) for _ in range(3)]
    criteria = {str(c.pk): 3 for c in world.scoring.criteria.all()}
    for n in range(extra):
        application = ApplicationFactory(call=world.call, round=world.scoring)
        for reviewer in reviewers[: 1 + n % 3]:
            assignment = Assignment.objects.create(
                round=world.scoring, application=application, reviewer=reviewer
            )
            review_save(assignment=assignment, scores=criteria, submit=n % 2 == 0)


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@SIZES
@pytest.mark.parametrize("name", ["call_ranking", "call_applications", "call"])
def test_staff_call_pages_query_count_is_fixed(client, name, extra):
    world = call_world()
    grow(world, extra)
    client.force_login(UserFactory(is_staff=True))

    queries = count(client, f"/en/workspace/calls/{world.call.pk}/{PATHS[name]}")

    assert queries == EXPECTED[name]


@SIZES
@pytest.mark.parametrize("by", ["eligibility", "criterion", "page"])
def test_ranking_filtered_query_count_is_fixed(client, by, extra):
    world = call_world()
    grow(world, extra)
    query = {
        "eligibility": "?eligibility=pending",
        "criterion": f"?criterion={world.scoring.criteria.first().pk}",
        "page": "?page=2",
    }[by]
    client.force_login(UserFactory(is_staff=True))

    queries = count(client, f"/en/workspace/calls/{world.call.pk}/ranking/{query}")

    assert queries == EXPECTED["call_ranking"] + (by == "criterion")


@SIZES
def test_reviewer_list_query_count_is_fixed(client, extra):
    world = call_world()
    grow(world, extra)
    client.force_login(world.reviewer)

    queries = count(client, "/review/")

    assert queries == EXPECTED["review_home"]
