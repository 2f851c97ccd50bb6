"""Applying, reviewing and selecting through the services: the rules and what they refuse."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from calls.models import Application, Assignment, Review
from calls.selectors import ranking
from calls.services.applications import (
    answers_save,
    application_file_store,
    application_save,
    application_start,
    application_submit,
    application_withdraw,
    text_length,
)
from calls.services.review import review_save
from calls.services.selection import (
    application_decide,
    application_set_eligibility,
    decision_recipients,
    decisions_send,
    eligibility_problems,
    interview_ics,
    interview_slot_book,
    interview_slot_create,
    offer_decline,
)
from films.models import Film
from outbox.models import OutboxMessage
from talents.models import Enrollment
from tests.factories import UserFactory, pdf_bytes
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    QuestionFactory,
    ReviewerFactory,
    scoring_round,
)

pytestmark = pytest.mark.django_db


def complete(application):
    application_save(
        application=application,
        name_original="林一",
        name_latin="Lin Yi",
        birth_year=1996,
        title_zh="回家",
        logline_zh="一个女儿回家的故事。",
    )
    application_file_store(
        application=application,
        material="treatment",
        upload=SimpleUploadedFile("treatment.pdf", pdf_bytes(), "application/pdf"),
    )


def test_submit_refuses_what_is_missing_and_keeps_the_draft():
    call = CallFactory()
    QuestionFactory(call=call, label_en="Why now?")
    application = application_start(call=call, applicant=UserFactory())
    application_save(application=application, title_zh="回家")

    with pytest.raises(ValidationError, match="Why now"):
        application_submit(application=application)

    application.refresh_from_db()
    assert application.state == Application.State.DRAFT
    assert application.title_zh == "回家"


def test_submit_sends_a_confirmation_and_an_edit_stays_submitted():
    call = CallFactory()
    application = application_start(call=call, applicant=UserFactory())
    complete(application)

    application_submit(application=application)
    application_save(application=application, title_en="Home")
    application_submit(application=application)

    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED
    causes = OutboxMessage.objects.filter(cause=f"application:{application.pk}")
    assert causes.count() == 2


def test_after_closing_nothing_changes_and_the_message_says_when_it_closed():
    call = CallFactory()
    application = application_start(call=call, applicant=UserFactory())
    complete(application)
    late = call.closes_at + datetime.timedelta(seconds=1)

    with pytest.raises(ValidationError, match="closed") as raised:
        application_submit(application=application, now=late)

    local = timezone.localtime(call.closes_at)
    assert (
        f"{local:%H:%M}".lstrip("0") in raised.value.messages[0]
        or str(local.year) in raised.value.messages[0]
    )
    application.refresh_from_db()
    assert application.state == Application.State.DRAFT
    assert application.title_zh == "回家"


def test_one_application_per_person_per_call():
    call, person = CallFactory(), UserFactory()

    first = application_start(call=call, applicant=person)
    second = application_start(call=call, applicant=person)

    assert first.pk == second.pk
    assert Application.objects.count() == 1


def test_chinese_answers_are_counted_by_character():
    call = CallFactory()
    question = QuestionFactory(call=call, max_chars=5)
    application = application_start(call=call, applicant=UserFactory())

    answers_save(application=application, values={question.pk: "五个汉字\r\n"})
    with pytest.raises(ValidationError, match="6 characters"):
        answers_save(application=application, values={question.pk: "六个汉字啊啊"})

    assert text_length("五个汉字\r\n") == 5
    assert application.answers.get().text == "五个汉字\n"


def test_a_disguised_file_is_refused_and_the_earlier_one_kept():
    call = CallFactory()
    application = application_start(call=call, applicant=UserFactory())
    complete(application)

    with pytest.raises(ValidationError):
        application_file_store(
            application=application,
            material="treatment",
            upload=SimpleUploadedFile(
                "treatment.pdf", b"<script>alert(1)</script>", "application/pdf"
            ),
        )

    stored = application.files.get()
    assert stored.original_filename == "treatment.pdf"
    assert stored.file.storage.exists(stored.file.name)


def test_withdrawn_application_cannot_be_edited():
    application = ApplicationFactory()

    application_withdraw(application=application)

    with pytest.raises(ValidationError, match="withdrawn"):
        application_save(application=application, title_en="Again")


def test_review_scores_outside_the_scale_are_refused_and_submission_is_final():
    call = CallFactory()
    round_ = scoring_round(call)
    application = ApplicationFactory(call=call, round=round_)
    reviewer = ReviewerFactory(call=call)
    assignment = Assignment.objects.create(round=round_, application=application, reviewer=reviewer)
    story, voice = round_.criteria.all()

    with pytest.raises(ValidationError):
        review_save(assignment=assignment, scores={str(story.pk): 9, str(voice.pk): 3}, submit=True)
    review = review_save(
        assignment=assignment, scores={str(story.pk): 5, str(voice.pk): 3}, submit=True
    )
    with pytest.raises(ValidationError, match="already submitted"):
        review_save(assignment=assignment, scores={str(story.pk): 1, str(voice.pk): 1}, submit=True)

    review.refresh_from_db()
    assert review.state == Review.State.SUBMITTED
    # Story 5/5 weighs 2, voice 3/5 weighs 1: (2·1 + 1·0.5) / 3 = 83.33
    assert review.total == 83.33


def test_ranking_normalises_each_reviewer_and_shows_ties_and_disagreement():
    call = CallFactory()
    round_ = scoring_round(call)
    apps = [ApplicationFactory(call=call, round=round_) for _ in range(3)]
    harsh, generous = ReviewerFactory(call=call), ReviewerFactory(call=call)
    story, voice = round_.criteria.all()
    given = {harsh: (1, 2, 3), generous: (5, 4, 4)}
    for reviewer, scores in given.items():
        for application, score in zip(apps, scores, strict=True):
            a = Assignment.objects.create(round=round_, application=application, reviewer=reviewer)
            review_save(
                assignment=a, scores={str(story.pk): score, str(voice.pk): score}, submit=True
            )

    rows = ranking(round=round_)

    by_pk = {row.application.pk: row for row in rows}
    assert by_pk[apps[0].pk].spread == 100.0
    assert by_pk[apps[0].pk].disagreement
    assert by_pk[apps[0].pk].tied and by_pk[apps[1].pk].tied
    assert by_pk[apps[0].pk].rank == by_pk[apps[1].pk].rank == 2
    assert by_pk[apps[2].pk].rank == 1
    assert not by_pk[apps[2].pk].tied
    # The harsh reviewer's 0 is their lowest, the generous one's 100 their highest: z cancels.
    assert by_pk[apps[0].pk].z_score == 0.09


def test_ranking_by_one_criterion_orders_by_its_average_and_leaves_unreviewed_unranked():
    call = CallFactory()
    round_ = scoring_round(call)
    strong_story, strong_voice, unreviewed = (
        ApplicationFactory(call=call, round=round_) for _ in range(3)
    )
    reviewer = ReviewerFactory(call=call)
    story, voice = round_.criteria.all()
    for application, (s, v) in ((strong_story, (5, 1)), (strong_voice, (1, 5))):
        a = Assignment.objects.create(round=round_, application=application, reviewer=reviewer)
        review_save(assignment=a, scores={str(story.pk): s, str(voice.pk): v}, submit=True)

    by_voice = ranking(round=round_, criterion=voice)
    by_average = ranking(round=round_)

    assert [row.application.pk for row in by_voice] == [
        strong_voice.pk,
        strong_story.pk,
        unreviewed.pk,
    ]
    assert [row.criterion_average for row in by_voice] == [5.0, 1.0, None]
    assert [row.rank for row in by_voice] == [1, 2, None]
    # Story weighs 2, voice 1: the strong story ranks first on the weighted average.
    assert [row.application.pk for row in by_average][:2] == [strong_story.pk, strong_voice.pk]
    assert by_average[2].reviews == 0
    assert not by_average[2].tied


def test_accepting_enrols_and_creates_the_film_and_declining_promotes_the_waitlist():
    call = CallFactory()
    first, second = ApplicationFactory(call=call), ApplicationFactory(call=call)

    application_decide(application=first, decision=Application.Decision.ACCEPTED)
    application_decide(application=second, decision=Application.Decision.WAITLISTED)
    promoted = offer_decline(application=first)

    first.refresh_from_db()
    assert promoted.pk == second.pk
    assert promoted.decision == Application.Decision.ACCEPTED
    assert Film.objects.get(director=promoted.talent).title_zh == second.title_zh
    assert Enrollment.objects.get(talent=first.talent).status == Enrollment.Status.WITHDRAWN
    assert Enrollment.objects.get(talent=promoted.talent).cohort == call.cohort
    assert promoted.talent.user == second.applicant


def test_decisions_are_sent_only_for_the_counted_recipients():
    call = CallFactory(decline_text_zh="谢谢你的申请。", decline_text_en="Thank you for applying.")
    for _ in range(2):
        application_decide(application=ApplicationFactory(call=call), decision="declined")

    with pytest.raises(ValidationError, match="changed"):
        decisions_send(call=call, decision="declined", expected_count=3)
    sent = decisions_send(call=call, decision="declined", expected_count=2)

    call.refresh_from_db()
    assert sent == 2
    assert call.results_published
    assert decision_recipients(call=call, decision="declined").count() == 0
    bodies = OutboxMessage.objects.filter(cause__startswith="application:").values_list(
        "body_text", flat=True
    )
    assert all("Thank you for applying." in body for body in bodies)


def test_eligibility_problems_name_each_rule():
    call = CallFactory(birth_year_min=1990, min_earlier_works=1)
    application = ApplicationFactory(
        call=call, birth_year=1980, earlier_works=0, is_chinese_language=False
    )

    problems = eligibility_problems(application)

    assert problems == [
        "born before 1990",
        "not a Chinese-language project",
        "fewer than 1 earlier works",
    ]


def test_interview_invitation_has_a_calendar_event_in_utc():
    call = CallFactory()
    application = ApplicationFactory(call=call)
    starts = datetime.datetime(2027, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    slot = interview_slot_create(
        call=call, starts_at=starts, minutes=30, online_link="https://meet.example.org/a"
    )

    interview_slot_book(slot=slot, application=application)

    ics = interview_ics(slot)
    assert "DTSTART:20270302T020000Z" in ics
    assert "DTEND:20270302T023000Z" in ics
    assert OutboxMessage.objects.filter(cause=f"application:{application.pk}").count() == 1


def test_eligibility_from_a_stale_copy_keeps_the_submission():
    call = CallFactory()
    application = application_start(call=call, applicant=UserFactory())
    complete(application)
    application_submit(application=application)

    application_set_eligibility(application=application, eligible=True)

    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED
    assert application.eligibility == Application.Eligibility.ELIGIBLE


def test_averages_equal_to_two_places_rank_together_as_a_tie():
    """Totals are kept to two places, so (0, 0, 20.83) and (0, 4.17, 16.65) average 6.9433 and
    6.94: the page shows 6.94 for both, and they must not be ranked apart."""
    call = CallFactory()
    round_ = scoring_round(call)
    apps = [ApplicationFactory(call=call, round=round_) for _ in range(2)]
    reviewers = [ReviewerFactory(call=call) for _ in range(3)]
    for application, totals in zip(apps, ((0, 0, 20.83), (0, 4.17, 16.65)), strict=True):
        for reviewer, total in zip(reviewers, totals, strict=True):
            a = Assignment.objects.create(round=round_, application=application, reviewer=reviewer)
            Review.objects.create(assignment=a, scores={}, total=total, state="submitted")

    rows = ranking(round=round_)

    assert [row.average for row in rows] == [6.94, 6.94]
    assert [row.rank for row in rows] == [1, 1]
    assert all(row.tied for row in rows)
