"""A call's configuration through calls.services.setup: the standard rounds, questions and
criteria appended in order, and the models' rules enforced on every write."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from calls.models import Call, Question, Round
from calls.services.setup import (
    DEFAULT_ROUNDS,
    call_create,
    call_update,
    criterion_create,
    criterion_delete,
    question_create,
    question_delete,
    question_update,
    round_update,
)
from tests.factories.calls import CallFactory, scoring_round
from tests.factories.programs import CohortFactory

pytestmark = pytest.mark.django_db


def call_fields(**extra):
    now = timezone.now()
    return {
        "title_en": "Open call",
        "opens_at": now,
        "closes_at": now + datetime.timedelta(days=30),
    } | extra


def test_a_new_call_gets_the_five_standard_rounds_in_order():
    call = call_create(cohort=CohortFactory(), slug="open-2027", **call_fields())

    rounds = list(call.rounds.order_by("order").values_list("order", "kind", "name_zh"))

    assert rounds == [(n, kind, zh) for n, (kind, zh, _en) in enumerate(DEFAULT_ROUNDS, start=1)]


def test_a_call_that_breaks_a_rule_is_not_created_and_leaves_no_rounds():
    with pytest.raises(ValidationError):
        call_create(
            cohort=CohortFactory(), slug="bad", **call_fields(required_materials=["horoscope"])
        )

    assert Call.objects.count() == 0
    assert Round.objects.count() == 0


def test_call_update_validates_before_saving():
    call = CallFactory()
    closes = call.closes_at

    with pytest.raises(ValidationError):
        call_update(call=call, birth_year_min=2000, birth_year_max=1990)

    call.refresh_from_db()
    assert call.closes_at == closes
    assert call.birth_year_max is None


def test_questions_are_appended_in_order_and_a_choice_question_needs_choices():
    call = CallFactory()

    first = question_create(call=call, kind=Question.Kind.SHORT_TEXT, label_en="Title?")
    second = question_create(call=call, kind=Question.Kind.LONG_TEXT, label_en="Why?")
    with pytest.raises(ValidationError) as no_choices:
        question_create(call=call, kind=Question.Kind.SINGLE_CHOICE, label_en="Genre?")

    assert (first.order, second.order) == (1, 2)
    assert list(no_choices.value.message_dict) == ["choices"]
    assert call.questions.count() == 2


def test_a_question_is_updated_and_deleted():
    call = CallFactory()
    question = question_create(call=call, kind=Question.Kind.SHORT_TEXT, label_en="Title?")

    question_update(question=question, label_zh="片名？")
    assert call.questions.get().label_zh == "片名？"
    question_delete(question=question)

    assert call.questions.count() == 0


def test_a_round_can_be_renamed_and_made_blind():
    call = CallFactory()
    scoring = scoring_round(call)

    round_update(round=scoring, name_en="Blind reading", is_blind=True)

    scoring.refresh_from_db()
    assert (scoring.name_en, scoring.is_blind) == ("Blind reading", True)


def test_criteria_are_appended_after_the_existing_ones_and_a_bad_scale_is_refused():
    scoring = scoring_round(CallFactory())

    criterion = criterion_create(round=scoring, name_en="Craft", weight=1, scale_max=10)
    with pytest.raises(ValidationError) as bad_scale:
        criterion_create(round=scoring, name_en="Luck", weight=1, scale_max=1)
    criterion_delete(criterion=scoring.criteria.get(name_en="Story"))

    assert criterion.order == 3
    assert list(bad_scale.value.message_dict) == ["scale_max"]
    assert list(scoring.criteria.values_list("name_en", flat=True)) == ["Voice", "Craft"]
