"""The applicant's side through calls.services.applications: drafts, answers, files, submitting
and what is refused after closing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from calls.models import Application
from calls.services.applications import (
    answers_save,
    application_file_store,
    application_save,
    application_start,
    application_submit,
    application_withdraw,
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
