"""The applicant's side through calls.services.applications: drafts, answers, files, submitting
and what is refused after closing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from calls.models import Application, Question
from calls.services.applications import (
    answers_save,
    applicant_sign_up,
    application_file_store,
    application_save,
    application_start,
    application_submit,
    application_withdraw,
    co_applicant_find,
    co_applicant_invite,
    co_applicant_join,
    co_applicant_token_hash,
    text_length,
)
from outbox.models import OutboxMessage
from tests.factories import UserFactory, pdf_bytes
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    QuestionFactory,
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


def test_answers_keep_chosen_indexes_and_one_bad_answer_saves_none():
    call = CallFactory()
    application = application_start(call=call, applicant=UserFactory())
    choice = QuestionFactory(
        call=call,
        kind=Question.Kind.SINGLE_CHOICE,
        choices=[{"zh": "剧情", "en": "Fiction"}, {"zh": "纪录", "en": "Documentary"}],
    )
    text = QuestionFactory(call=call, max_chars=10)

    answers_save(application=application, values={choice.pk: ["1"], text.pk: "Short\r\nline"})
    with pytest.raises(ValidationError) as refused:
        answers_save(application=application, values={choice.pk: [0, 1], text.pk: "changed"})
    with pytest.raises(ValidationError) as out_of_list:
        answers_save(application=application, values={choice.pk: [7]})

    assert set(refused.value.message_dict) == {f"q{choice.pk}"}
    assert set(out_of_list.value.message_dict) == {f"q{choice.pk}"}
    saved = {a.question_id: (a.text, a.chosen) for a in application.answers.all()}
    assert saved == {choice.pk: ("", [1]), text.pk: ("Short\nline", [])}


def test_a_co_applicant_is_invited_by_email_and_joins_once_with_that_address():
    application = ApplicationFactory(state=Application.State.DRAFT)
    invited = UserFactory(email="writer@example.com")

    with pytest.raises(ValidationError) as own:
        co_applicant_invite(
            application=application, email=application.applicant.email.upper(), role="writer"
        )
    co_applicant = co_applicant_invite(
        application=application, email=" Writer@Example.com ", role="writer"
    )
    message = OutboxMessage.objects.get(cause=f"co_applicant:{co_applicant.pk}")
    token = message.body_text.split("/join/")[1].split("/")[0]
    with pytest.raises(ValidationError):
        co_applicant_join(co_applicant=co_applicant, user=UserFactory())
    joined = co_applicant_join(co_applicant=co_applicant_find(token=token), user=invited)

    assert list(own.value.message_dict) == ["email"]
    assert (co_applicant.email, message.recipient) == ("writer@example.com", "writer@example.com")
    assert co_applicant.token_hash == co_applicant_token_hash(token) != token
    assert joined.user == invited
    assert co_applicant_find(token=token) is None
    with pytest.raises(ValidationError):
        co_applicant_join(co_applicant=joined, user=invited)


def test_sign_up_makes_an_inactive_account_and_a_second_one_with_the_address_is_refused():
    call = CallFactory()

    user = applicant_sign_up(
        call=call,
        full_name="Lin Yi",
        email="lin@example.com",
        password="x-Strong-9",
        language="zh-hans",
    )
    with pytest.raises(ValidationError):
        applicant_sign_up(
            call=call,
            full_name="Lin",
            email="lin@example.com",
            password="y-Strong-9",
            language="en",
        )

    assert not user.is_active
    message = OutboxMessage.objects.get(cause=f"sign_up:{user.pk}")
    assert message.secret_link == f"applicant_confirm:{call.slug}"
