"""Erasure reaches the open call: an applicant's application files (materials and file answers)
leave private storage, their answers and personal details leave the application, and their
place as a co-applicant on somebody else's application goes; what belongs to others stays
(issue 15, Medium 5's class: erasure left the person's files behind)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from calls.models import Answer, Application, ApplicationFile, CoApplicant, Question
from calls.services.applications import answers_save, application_file_store
from tests.factories import TalentFactory, UserFactory, image_bytes, pdf_bytes
from tests.factories.calls import ApplicationFactory, CallFactory, QuestionFactory
from workspace.privacy import person_erase_everywhere

pytestmark = pytest.mark.django_db


def private_files(settings) -> list[str]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def pdf(name: str = "treatment.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def with_files(application: Application, question: Question) -> list[ApplicationFile]:
    photo = SimpleUploadedFile("me.png", image_bytes(), content_type="image/png")
    return [
        application_file_store(application=application, material="treatment", upload=pdf()),
        application_file_store(application=application, material="photo", upload=photo),
        application_file_store(application=application, question=question, upload=pdf("cv.pdf")),
    ]


@pytest.fixture
def open_call():
    call = CallFactory()
    file_question = QuestionFactory(call=call, kind=Question.Kind.FILE, max_chars=None)
    text_question = QuestionFactory(call=call, kind=Question.Kind.LONG_TEXT)
    return call, file_question, text_question


def test_erasure_deletes_the_applicants_application_files_and_answers(
    settings, open_call, django_capture_on_commit_callbacks
):
    call, file_question, text_question = open_call
    applicant = UserFactory()
    talent = TalentFactory(user=applicant)
    mine = ApplicationFactory(call=call, applicant=applicant, state="draft", talent=talent)
    with_files(mine, file_question)
    answers_save(application=mine, values={str(text_question.pk): "My mother's illness."})
    others = ApplicationFactory(call=call, state="draft")
    kept = [f.file.name for f in with_files(others, file_question)]

    with django_capture_on_commit_callbacks(execute=True):
        person_erase_everywhere(talent=talent, by=UserFactory(is_staff=True))

    assert private_files(settings) == sorted(kept)
    assert not ApplicationFile.objects.filter(application=mine).exists()
    assert ApplicationFile.objects.filter(application=others).count() == 3
    assert list(Answer.objects.filter(application=mine).values_list("text", flat=True)) == [""]
    mine.refresh_from_db()
    assert (mine.name_original, mine.name_latin, mine.birth_year, mine.residence) == (
        "",
        "",
        None,
        "",
    )
    assert (mine.previous_film_url, mine.previous_film_password) == ("", "")


def test_erasure_finds_the_application_by_the_account_when_no_profile_links_it(
    settings, open_call, django_capture_on_commit_callbacks
):
    call, file_question, _text = open_call
    applicant = UserFactory()
    talent = TalentFactory(user=applicant)
    mine = ApplicationFactory(call=call, applicant=applicant, state="draft")  # talent not set
    with_files(mine, file_question)

    with django_capture_on_commit_callbacks(execute=True):
        person_erase_everywhere(talent=talent, by=UserFactory(is_staff=True))

    assert private_files(settings) == []


def test_erasure_removes_the_person_as_co_applicant_and_keeps_the_others_application(
    settings, open_call, django_capture_on_commit_callbacks
):
    call, file_question, _text = open_call
    person = UserFactory()
    talent = TalentFactory(user=person)
    others = ApplicationFactory(call=call, state="draft")
    kept = [f.file.name for f in with_files(others, file_question)]
    CoApplicant.objects.create(
        application=others,
        email=person.email,
        role="writer",
        token_hash="joined",
        user=person,
        accepted_at=timezone.now(),
    )
    invited_only = ApplicationFactory(call=call, state="draft")
    CoApplicant.objects.create(
        application=invited_only, email=person.email.upper(), role="producer", token_hash="sent"
    )
    bystander = CoApplicant.objects.create(
        application=others, email="someone@example.com", role="producer", token_hash="other"
    )

    with django_capture_on_commit_callbacks(execute=True):
        person_erase_everywhere(talent=talent, by=UserFactory(is_staff=True))

    assert list(CoApplicant.objects.values_list("pk", flat=True)) == [bystander.pk]
    assert private_files(settings) == sorted(kept)
    others.refresh_from_db()
    assert others.name_original != ""
