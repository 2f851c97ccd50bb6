"""Read access to the open call for a token with read:applications: submitted and withdrawn
applications (never drafts) with their answers and the names of their files, submitted reviews
(never drafts) with their scores; the confidential parts never in an answer; filters validated;
pagination; a fixed number of queries. Tokens without the scope: test_api_token_matrix.py and
the refusal below."""

import pytest
from django.urls import reverse
from django.utils import timezone

from calls.models import Answer, Application, ApplicationFile, Assignment, Review
from tests.factories.api import api_token, bearer, token_queries
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    QuestionFactory,
    ReviewerFactory,
    scoring_round,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def raw():
    return api_token(scopes=["read:applications"])[1]


def get(client, name, raw, params=None, **kwargs):
    return client.get(reverse(f"api:{name}", kwargs=kwargs or None), params or {}, **bearer(raw))


def application_with_everything(**fields) -> Application:
    application = ApplicationFactory(previous_film_password="hunter2-secret", **fields)
    question = QuestionFactory(call=application.call, label_en="Why now?", label_zh="为何现在？")
    Answer.objects.create(application=application, question=question, text="Because.")
    ApplicationFile.objects.create(
        application=application,
        material="treatment",
        file="applications/3f9c0a-private.pdf",
        original_filename="treatment.pdf",
        size=2048,
    )
    return application


def submitted_review(application: Application, scores: dict | None = None, **fields) -> Review:
    round_ = scoring_round(application.call)
    reviewer = ReviewerFactory(call=application.call)
    assignment = Assignment.objects.create(round=round_, application=application, reviewer=reviewer)
    criteria = list(round_.criteria.all())
    return Review.objects.create(
        assignment=assignment,
        state=fields.pop("state", Review.State.SUBMITTED),
        scores=scores or {str(c.pk): 4 for c in criteria},
        total=75.0,
        submitted_at=timezone.now(),
        **fields,
    )


def test_applications_list_submitted_and_withdrawn_never_drafts(client, raw):
    call = CallFactory()
    submitted = ApplicationFactory(call=call)
    withdrawn = ApplicationFactory(call=call, state=Application.State.WITHDRAWN)
    ApplicationFactory(call=call, state=Application.State.DRAFT)

    response = get(client, "applications", raw)

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(row["id"], row["state"]) for row in rows] == [
        (submitted.pk, "submitted"),
        (withdrawn.pk, "withdrawn"),
    ]


def test_application_shows_answers_and_file_names_never_the_file_or_the_password(client, raw):
    application = application_with_everything()

    response = get(client, "application", raw, application_id=application.pk)

    body = response.json()
    assert response.status_code == 200
    assert (body["call"], body["edition"]) == (application.call.slug, application.call.cohort.slug)
    assert body["title"] == {"zh": application.title_zh, "en": application.title_en}
    assert body["round"]["id"] == application.round_id
    assert [(a["label"]["en"], a["text"]) for a in body["answers"]] == [("Why now?", "Because.")]
    assert body["files"] == [
        {
            "material": "treatment",
            "question": None,
            "original_filename": "treatment.pdf",
            "size": 2048,
        }
    ]
    text = response.content.decode()
    assert "hunter2-secret" not in text
    assert "3f9c0a-private" not in text
    assert application.applicant.email not in text


def test_a_draft_is_not_found_by_id(client, raw):
    draft = ApplicationFactory(state=Application.State.DRAFT)

    response = get(client, "application", raw, application_id=draft.pk)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_applications_filter_by_call_state_eligibility_and_decision(client, raw):
    call = CallFactory()
    kept = ApplicationFactory(call=call, eligibility="eligible", decision="waitlisted")
    ApplicationFactory(call=call, eligibility="ineligible")
    ApplicationFactory(call=call, eligibility="eligible", state=Application.State.WITHDRAWN)
    ApplicationFactory(eligibility="eligible", decision="waitlisted")

    response = get(
        client,
        "applications",
        raw,
        {"call": call.slug, "state": "submitted", "eligibility": "eligible"},
    )
    by_decision = get(client, "applications", raw, {"call": call.slug, "decision": "waitlisted"})
    by_edition = get(client, "applications", raw, {"edition": call.cohort.slug})

    assert [row["id"] for row in response.json()["results"]] == [kept.pk]
    assert [row["id"] for row in by_decision.json()["results"]] == [kept.pk]
    assert by_edition.json()["count"] == 3


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"state": "draft"}, "state"),
        ({"decision": "maybe"}, "decision"),
        ({"round": "first"}, "round"),
        ({"applicant": "x"}, "applicant"),
    ],
)
def test_invalid_application_filter_answers_400_naming_it(client, raw, query, field):
    response = get(client, "applications", raw, query)

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]


def test_applications_are_paginated(client, raw):
    call = CallFactory()
    for _ in range(3):
        ApplicationFactory(call=call)

    response = get(client, "applications", raw, {"page_size": 2, "page": 2})

    body = response.json()
    assert (body["count"], len(body["results"]), body["next"]) == (3, 1, None)


def test_reviews_show_scores_by_criterion_and_the_shared_comment_only(client, raw):
    application = ApplicationFactory()
    review = submitted_review(
        application,
        committee_comment="Between us: weak third act.",
        applicant_comment="A strong voice.",
    )
    story, voice = scoring_round(application.call).criteria.order_by("order")

    response = get(client, "reviews", raw)

    [row] = response.json()["results"]
    assert (row["id"], row["application"], row["total"]) == (review.pk, application.pk, 75.0)
    assert row["applicant_comment"] == "A strong voice."
    assert [(s["criterion"], s["name"]["en"], s["score"]) for s in row["scores"]] == [
        (story.pk, "Story", 4),
        (voice.pk, "Voice", 4),
    ]
    assert row["reviewer"] == {"id": review.assignment.reviewer_id, "kind": "panel"}
    text = response.content.decode()
    assert "weak third act" not in text
    assert review.assignment.reviewer.user.email not in text


def test_draft_reviews_are_not_listed_and_reviews_filter_by_application(client, raw):
    first, second = ApplicationFactory(), ApplicationFactory()
    kept = submitted_review(first)
    submitted_review(second)
    draft_application = ApplicationFactory()
    submitted_review(draft_application, state=Review.State.DRAFT)

    everything = get(client, "reviews", raw)
    filtered = get(client, "reviews", raw, {"application": first.pk})

    assert everything.json()["count"] == 2
    assert [row["id"] for row in filtered.json()["results"]] == [kept.pk]


def test_token_without_the_scope_reads_neither_applications_nor_reviews(client):
    ApplicationFactory()
    _token, raw = api_token(scopes=["read:submissions", "read:enrollments"])

    answers = [get(client, name, raw).status_code for name in ("applications", "reviews")]

    assert answers == [403, 403]


@pytest.mark.parametrize("count", [1, 3])
def test_applications_list_query_count_is_fixed(client, raw, django_assert_num_queries, count):
    call = CallFactory()
    for _ in range(count):
        application_with_everything(call=call)

    # the token's (its person, its use, its last use), count, page, files, answers with their
    # questions
    with django_assert_num_queries(token_queries() + 4):
        response = get(client, "applications", raw)

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_reviews_list_query_count_is_fixed(client, raw, django_assert_num_queries, count):
    call = CallFactory()
    for _ in range(count):
        submitted_review(ApplicationFactory(call=call))

    # the token's, count, page, the rounds' criteria
    with django_assert_num_queries(token_queries() + 3):
        response = get(client, "reviews", raw)

    assert response.json()["count"] == count
