"""Selection through calls.services.selection: eligibility, interviews, decisions, enrolment."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from calls.models import Application, InterviewSlot, Round
from calls.services.applications import (
    application_file_store,
    application_save,
    application_start,
    application_submit,
)
from calls.services.selection import (
    application_decide,
    application_set_eligibility,
    applications_move,
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


def test_moving_takes_only_submitted_applications_of_the_rounds_call():
    call = CallFactory()
    shortlist = call.rounds.get(kind=Round.Kind.SHORTLIST)
    submitted = ApplicationFactory(call=call)
    draft = ApplicationFactory(call=call, state=Application.State.DRAFT)
    foreign = ApplicationFactory()

    moved = applications_move(applications=[submitted, draft, foreign], round=shortlist)

    assert moved == 1
    assert Application.objects.get(pk=submitted.pk).round == shortlist
    assert Application.objects.get(pk=draft.pk).round != shortlist
    assert Application.objects.get(pk=foreign.pk).round.call == foreign.call


def test_booking_a_second_slot_frees_the_first_and_a_foreign_application_is_refused():
    call = CallFactory()
    application = ApplicationFactory(call=call)
    starts = timezone.now() + datetime.timedelta(days=3)
    first = interview_slot_create(call=call, starts_at=starts, minutes=30)
    second = interview_slot_create(call=call, starts_at=starts + datetime.timedelta(hours=1))

    interview_slot_book(slot=first, application=application)
    interview_slot_book(slot=second, application=application)
    with pytest.raises(ValidationError):
        interview_slot_book(slot=first, application=ApplicationFactory())

    first.refresh_from_db()
    assert (first.application, first.invited_at) == (None, None)
    assert InterviewSlot.objects.get(application=application) == second


def test_only_an_accepted_offer_can_be_declined_and_an_empty_waitlist_promotes_nobody():
    call = CallFactory()
    waitlisted = ApplicationFactory(call=call, decision=Application.Decision.WAITLISTED)
    accepted = ApplicationFactory(call=call, decision=Application.Decision.ACCEPTED)

    with pytest.raises(ValidationError):
        offer_decline(application=waitlisted)
    Application.objects.filter(pk=waitlisted.pk).update(decision=Application.Decision.DECLINED)
    promoted = offer_decline(application=accepted)

    assert promoted is None
    assert Application.objects.get(pk=accepted.pk).decision == Application.Decision.OFFER_DECLINED
