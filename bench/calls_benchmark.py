"""The open call at scale (issue 16): a generated call with 5,000 applications and 40
reviewers at 3 reviews each.

    DATABASE_URL=postgres://…/talents_calls_bench .venv/bin/python bench/calls_benchmark.py

1. builds the call in its own database (migrated here; the default is talents_calls_bench),
2. times automatic assignment and checks every constraint afterwards (3 distinct reviewers per
   application, no conflicted pair, every reviewer's load within one of every other's),
3. submits a review for every assignment and measures the ranking page through Django's test
   client: the number of queries (must not grow with the data) and the server time (median of
   several requests, the first one discarded).

Prints the figures; writes nothing outside its database. Not a test: timings belong here, not in
the suite."""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/talents_calls_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

APPLICATIONS = int(os.environ.get("BENCH_APPLICATIONS", "5000"))
REVIEWERS = int(os.environ.get("BENCH_REVIEWERS", "40"))
PER_APPLICATION = 3
CONFLICTS = int(os.environ.get("BENCH_CONFLICTS", "200"))
CRITERIA = (("Story", 2), ("Voice", 1), ("Feasibility", 1), ("Craft", 1), ("Fit", 1))
CRITERIA_COUNT = int(os.environ.get("BENCH_CRITERIA", "5"))


def build():
    import datetime

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import User
    from calls.models import Application, Call, Conflict, Criterion, Reviewer, Round
    from calls.services.setup import call_create
    from programs.models import Cohort, Program

    program, _ = Program.objects.get_or_create(slug="bench", defaults={"name_en": "Bench"})
    cohort, _ = Cohort.objects.get_or_create(
        slug="bench-cohort",
        defaults={
            "program": program,
            "year": 2027,
            "training_start": datetime.date(2027, 3, 1),
            "training_end": datetime.date(2027, 9, 1),
        },
    )
    Application.objects.filter(call__slug="bench-call").delete()
    Call.objects.filter(slug="bench-call").delete()
    now = timezone.now()
    call = call_create(
        cohort=cohort,
        slug="bench-call",
        title_en="Bench call",
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now + datetime.timedelta(days=1),
        reviewers_per_application=PER_APPLICATION,
    )
    scoring = call.rounds.get(kind=Round.Kind.SCORING)
    for order, (name, weight) in enumerate(CRITERIA[:CRITERIA_COUNT], 1):
        Criterion.objects.create(round=scoring, order=order, name_en=name, weight=weight)
    password = make_password(None)
    User.objects.filter(email__endswith="@bench.example.org").delete()
    users = User.objects.bulk_create(
        User(email=f"person{n}@bench.example.org", full_name=f"Person {n}", password=password)
        for n in range(APPLICATIONS + REVIEWERS)
    )
    applications = Application.objects.bulk_create(
        Application(
            call=call,
            applicant=user,
            state=Application.State.SUBMITTED,
            submitted_at=now,
            round=scoring,
            name_latin=user.full_name,
            title_en=f"Project {n}",
            birth_year=1995,
        )
        for n, user in enumerate(users[:APPLICATIONS])
    )
    reviewers = Reviewer.objects.bulk_create(
        Reviewer(call=call, user=user) for user in users[APPLICATIONS:]
    )
    rng = random.Random(16)  # noqa: S311 - reproducible data, not secrets
    Conflict.objects.bulk_create(
        Conflict(reviewer=rng.choice(reviewers), application=rng.choice(applications))
        for _ in range(CONFLICTS)
    )
    return call, scoring


class ConstraintBroken(Exception):
    pass


def require(condition: bool, message: str) -> None:
    if not condition:
        raise ConstraintBroken(message)


def check(call, scoring) -> None:
    from calls.models import Assignment
    from calls.services.review import conflicted_pairs

    pairs = list(
        Assignment.objects.filter(round=scoring).values_list("application_id", "reviewer_id")
    )
    per_application = Counter(a for a, _r in pairs)
    loads = Counter(r for _a, r in pairs)
    conflicts = {(a, r) for r, a in conflicted_pairs(call)}
    require(len(pairs) == len(set(pairs)), "a reviewer twice on one application")
    require(set(per_application.values()) == {PER_APPLICATION}, "not 3 reviewers each")
    require(len(per_application) == APPLICATIONS, "an application without reviewers")
    require(not conflicts & set(pairs), "a conflicted reviewer assigned")
    low, high = min(loads.values()), max(loads.values())
    require(high - low <= 1, f"loads {low}–{high}")
    print(
        f"  constraints met: {len(pairs)} assignments, loads {low}–{high}, "
        f"{len(conflicts)} conflicted pairs avoided"
    )


def review_everything(scoring) -> None:
    from django.utils import timezone

    from calls.models import Assignment, Review
    from calls.services.review import review_total

    criteria = list(scoring.criteria.all())
    rng = random.Random(9)  # noqa: S311 - reproducible data, not secrets
    reviews = []
    for assignment in Assignment.objects.filter(round=scoring).only("pk"):
        scores = {str(c.pk): rng.randint(1, c.scale_max) for c in criteria}
        reviews.append(
            Review(
                assignment=assignment,
                state=Review.State.SUBMITTED,
                scores=scores,
                total=review_total(criteria, scores),
                submitted_at=timezone.now(),
            )
        )
    Review.objects.bulk_create(reviews, batch_size=2000)


def ranking_page(call, query: str = "") -> tuple[int, float]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    staff, _ = User.objects.get_or_create(
        email="staff@bench.example.org", defaults={"full_name": "Staff", "is_staff": True}
    )
    client = Client()
    client.force_login(staff)
    url = f"/en/workspace/calls/{call.pk}/ranking/{query}"
    timings = []
    for _ in range(8):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        require(response.status_code == 200, f"ranking answered {response.status_code}")
    return len(queries), statistics.median(timings[1:]) * 1000


def main() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.conf import settings

    settings.DEBUG = False
    print(
        f"Building a call: {APPLICATIONS} applications, {REVIEWERS} reviewers, {CONFLICTS} conflicts"
    )
    call, scoring = build()
    from calls.services.review import assignment_auto

    started = time.perf_counter()
    made = assignment_auto(round=scoring)
    elapsed = time.perf_counter() - started
    print(f"Automatic assignment: {made} assignments in {elapsed:.2f} s")
    check(call, scoring)
    review_everything(scoring)
    from django.db import connection

    # As autovacuum would after a day of applications: the planner sees the real sizes.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    criterion = scoring.criteria.first()
    for label, query in (
        ("by weighted average", ""),
        ("by one criterion", f"?criterion={criterion.pk}"),
        ("by weighted average, page 10", "?page=10"),
    ):
        queries, median_ms = ranking_page(call, query)
        print(
            f"Ranking page {label}: {queries} queries, median server time {median_ms:.0f} ms "
            f"(100 rows shown of {APPLICATIONS}, {CRITERIA_COUNT} criteria)"
        )


if __name__ == "__main__":
    main()
