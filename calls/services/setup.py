"""A call's configuration by staff: the call, its questions, rounds and rubric criteria."""

from django.db import transaction

from calls.models import Call, Criterion, Question, Round
from core.services import validated_save
from programs.models import Cohort

DEFAULT_ROUNDS = (
    (Round.Kind.ELIGIBILITY, "资格审查", "Eligibility check"),
    (Round.Kind.SCORING, "初审评分", "First-round scoring"),
    (Round.Kind.SHORTLIST, "入围", "Shortlist"),
    (Round.Kind.INTERVIEW, "面试", "Interview"),
    (Round.Kind.DECISION, "决定", "Decision"),
)


@transaction.atomic
def call_create(*, cohort: Cohort, slug: str, **fields) -> Call:
    """A call with the standard five rounds, which staff may rename or make blind."""
    call = validated_save(Call(cohort=cohort, slug=slug), **fields)
    for order, (kind, name_zh, name_en) in enumerate(DEFAULT_ROUNDS, start=1):
        validated_save(Round(call=call, order=order), kind=kind, name_zh=name_zh, name_en=name_en)
    return call


@transaction.atomic
def call_update(*, call: Call, **fields) -> Call:
    return validated_save(call, **fields)


@transaction.atomic
def question_create(*, call: Call, **fields) -> Question:
    fields.setdefault("order", call.questions.count() + 1)
    return validated_save(Question(call=call), **fields)


@transaction.atomic
def question_update(*, question: Question, **fields) -> Question:
    return validated_save(question, **fields)


@transaction.atomic
def question_delete(*, question: Question) -> None:
    question.delete()


@transaction.atomic
def round_update(*, round: Round, **fields) -> Round:
    return validated_save(round, **fields)


@transaction.atomic
def criterion_create(*, round: Round, **fields) -> Criterion:
    fields.setdefault("order", round.criteria.count() + 1)
    return validated_save(Criterion(round=round), **fields)


@transaction.atomic
def criterion_update(*, criterion: Criterion, **fields) -> Criterion:
    return validated_save(criterion, **fields)


@transaction.atomic
def criterion_delete(*, criterion: Criterion) -> None:
    criterion.delete()
