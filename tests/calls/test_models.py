"""The calls models' own rules: what clean() and the constraints refuse, and the cheap
properties pages and emails read (open or not, names shown, the decision text)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from calls.models import Application, Call, Conflict, InterviewSlot, Question, Reviewer, Round
from tests.factories import UserFactory
from tests.factories.calls import ApplicationFactory, CallFactory, QuestionFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


def test_a_call_is_open_from_its_opening_up_to_but_not_at_its_closing():
    call = CallFactory()

    assert call.is_open(now=call.opens_at)
    assert call.is_open(now=call.closes_at - datetime.timedelta(seconds=1))
    assert not call.is_open(now=call.closes_at)
    assert not call.is_open(now=call.opens_at - datetime.timedelta(seconds=1))
    assert call.is_public(now=call.closes_at + datetime.timedelta(days=30))


def test_a_call_refuses_an_unknown_material_and_a_reversed_birth_year_range():
    call = CallFactory()

    call.required_materials = ["treatment", "horoscope"]
    with pytest.raises(ValidationError) as unknown:
        call.full_clean()
    call.required_materials = ["treatment"]
    call.birth_year_min, call.birth_year_max = 1995, 1990
    with pytest.raises(ValidationError) as reversed_range:
        call.full_clean()

    assert list(unknown.value.message_dict) == ["required_materials"]
    assert list(reversed_range.value.message_dict) == ["birth_year_max"]


def test_the_database_refuses_a_call_closing_before_it_opens_or_without_a_title():
    call = CallFactory.build(cohort=CallFactory().cohort, slug="backwards")
    call.closes_at = call.opens_at - datetime.timedelta(hours=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        call.save()
    untitled = CallFactory.build(cohort=call.cohort, slug="untitled", title_zh="", title_en="")
    with pytest.raises(IntegrityError), transaction.atomic():
        untitled.save()


def test_decision_text_falls_back_to_the_other_language_and_knows_only_decisions():
    call = CallFactory(accept_text_zh="恭喜入选。", accept_text_en="", decline_text_en="Sorry.")

    assert call.decision_text("accepted", "en") == "恭喜入选。"
    assert call.decision_text("accepted", "zh-hans") == "恭喜入选。"
    assert call.decision_text("declined", "zh-hans") == "Sorry."
    assert call.decision_text("offer_declined", "en") == ""


def test_a_choice_question_needs_choices_and_labels_fall_back_to_the_other_language():
    question = QuestionFactory(
        kind=Question.Kind.SINGLE_CHOICE, choices=[{"zh": "是", "en": "Yes"}]
    )
    question.choices = []

    with pytest.raises(ValidationError) as empty:
        question.full_clean()
    question.choices = [{"zh": "是", "en": "Yes"}, {"zh": "只有中文"}]

    assert list(empty.value.message_dict) == ["choices"]
    assert question.choice_labels("en") == ["Yes", "只有中文"]
    assert question.choice_labels("zh-hans") == ["是", "只有中文"]
    assert not question.takes_file
    assert QuestionFactory.build(kind=Question.Kind.FILE).takes_file


def test_only_scoring_and_interview_rounds_are_reviewed():
    call = CallFactory()

    reviewed = sorted(r.kind for r in call.rounds.all() if r.is_reviewed)

    assert reviewed == [Round.Kind.INTERVIEW, Round.Kind.SCORING]


def test_application_names_reference_and_decision_visibility():
    application = ApplicationFactory(name_original="林一", name_latin="Lin Yi")
    same = ApplicationFactory(name_original="Lin", name_latin="Lin")
    unnamed = ApplicationFactory(name_original="", name_latin="", applicant__full_name="Ada Lin")

    assert application.display_name == "林一 Lin Yi"
    assert same.display_name == "Lin"
    assert unnamed.display_name == "Ada Lin"
    assert application.reference == f"#{application.pk:05d}"
    application.decision = Application.Decision.ACCEPTED
    assert not application.decision_visible
    application.call.results_published = True
    assert application.decision_visible


def test_an_application_refuses_unknown_languages_and_a_second_one_per_person():
    application = ApplicationFactory(languages=["zh"])
    application.languages = ["zh", "klingon"]

    with pytest.raises(ValidationError) as unknown:
        application.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(call=application.call, applicant=application.applicant)

    assert list(unknown.value.message_dict) == ["languages"]


def test_a_submitted_application_must_have_its_submission_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(state=Application.State.SUBMITTED, submitted_at=None)


def test_a_reviewer_refuses_unknown_languages_or_expertise_and_labels_the_known_ones():
    reviewer = ReviewerFactory(languages=["yue", "en"], expertise=["animation"])

    assert [str(label) for label in reviewer.language_labels] == ["Cantonese", "English"]
    assert [str(label) for label in reviewer.expertise_labels] == ["Animation"]
    reviewer.expertise = ["cooking"]
    with pytest.raises(ValidationError) as unknown:
        reviewer.full_clean()
    assert list(unknown.value.message_dict) == ["expertise"]


def test_a_reviewer_sits_once_per_call():
    reviewer = ReviewerFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Reviewer.objects.create(call=reviewer.call, user=reviewer.user, kind=Reviewer.Kind.PANEL)


def test_a_conflict_names_exactly_one_of_application_person_or_email():
    application = ApplicationFactory()
    reviewer = ReviewerFactory(call=application.call)
    person = UserFactory()

    Conflict.objects.create(reviewer=reviewer, application=application)
    Conflict.objects.create(reviewer=reviewer, person=person)
    Conflict.objects.create(reviewer=reviewer, email="friend@example.com")
    for wrong in (
        {},
        {"application": application, "person": person},
        {"person": person, "email": "x@example.com"},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Conflict.objects.create(reviewer=reviewer, **wrong)

    assert Conflict.objects.filter(reviewer=reviewer).count() == 3


def test_an_interview_slot_ends_its_minutes_after_it_starts():
    starts = timezone.now()
    slot = InterviewSlot(call=CallFactory(), starts_at=starts, minutes=45)

    assert slot.ends_at == starts + datetime.timedelta(minutes=45)
    slot.minutes = 2
    with pytest.raises(ValidationError) as too_short:
        slot.full_clean()
    assert list(too_short.value.message_dict) == ["minutes"]


def test_call_str_is_its_title_in_the_active_language():
    call = CallFactory(title_zh="第一届征集", title_en="First call")

    english = str(call)
    with translation.override("zh-hans"):
        chinese = str(Call.objects.get(pk=call.pk))

    assert (english, chinese) == ("First call", "第一届征集")
