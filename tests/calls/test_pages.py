"""The call's pages through the test client: applying from the public page to submission,
reviewing, and staff running the call to the cohort."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from calls.models import Application, Assignment, Review
from outbox.models import OutboxMessage
from talents.models import Enrollment
from tests.factories import UserFactory, pdf_bytes
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    QuestionFactory,
    call_world,
)

pytestmark = pytest.mark.django_db


def confirm_link(email: str) -> str:
    """The link as the sent email carries it (the stored message holds only a placeholder)."""
    from django.core import mail

    from outbox.services import message_send

    message_send(message_id=OutboxMessage.objects.filter(recipient=email).latest("pk").pk)
    body = [m for m in mail.outbox if m.to == [email]][-1].body
    return re.search(r"https?://[^\s]+/confirm/[^\s]+/", body).group(0).split("testserver")[-1]


def test_sign_up_confirm_and_apply_in_chinese(settings):
    settings.SITE_URL = "http://testserver"
    call = CallFactory()
    question = QuestionFactory(call=call, max_chars=10)
    client = Client()
    page = client.get(
        reverse("apply:call", kwargs={"slug": call.slug}).replace("/en/", "/zh-hans/")
    )
    assert call.title_zh in page.content.decode()

    client.post(
        f"/zh-hans/calls/{call.slug}/sign-up/",
        {
            "full_name": "林一",
            "email": "lin@example.org",
            "password": "correct-horse-battery-9",
            "language": "zh-hans",
        },
    )
    assert not User.objects.get(email="lin@example.org").is_active
    client.get(confirm_link("lin@example.org").replace("/en/", "/zh-hans/"))
    details = client.post(
        f"/zh-hans/calls/{call.slug}/application/details/",
        {
            "name_original": "林一",
            "birth_year": "1996",
            "title_zh": "回家",
            "logline_zh": "女儿回家。",
            "is_chinese_language": "on",
            "earlier_works": "1",
        },
    )
    answers = client.post(
        f"/zh-hans/calls/{call.slug}/application/answers/",
        {f"q{question.pk}": "十一个字太长了吧真的太长"},
    )
    kept = client.post(
        f"/zh-hans/calls/{call.slug}/application/answers/",
        {f"q{question.pk}": "十个字刚好可以的吧"},
    )
    upload = client.post(
        f"/zh-hans/calls/{call.slug}/application/files/",
        {
            "slot": "treatment",
            "file": SimpleUploadedFile("剧本.pdf", pdf_bytes(), "application/pdf"),
        },
    )
    submitted = client.post(f"/zh-hans/calls/{call.slug}/application/submit/")

    application = Application.objects.get(applicant__email="lin@example.org")
    assert details.status_code == 302
    assert answers.status_code == 400
    assert "共 12 字，上限为 10 字" in answers.content.decode()
    assert kept.status_code == 302
    assert upload.status_code == 302
    assert submitted.status_code == 302
    assert application.state == Application.State.SUBMITTED
    assert application.files.get().original_filename == "剧本.pdf"
    received = OutboxMessage.objects.filter(cause=f"application:{application.pk}").get()
    assert received.language == "zh-hans"


def test_a_late_submission_is_refused_with_the_draft_kept():
    call = CallFactory()
    application = ApplicationFactory(call=call, state=Application.State.DRAFT)
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.opens_at = call.closes_at - datetime.timedelta(days=3)
    call.save()
    client = Client()
    client.force_login(application.applicant)

    response = client.post(f"/en/calls/{call.slug}/application/submit/", follow=True)

    application.refresh_from_db()
    assert "closed" in response.content.decode()
    assert application.state == Application.State.DRAFT
    assert application.title_zh


def test_conflicted_reviewer_gets_404_in_any_round_and_the_reviewer_reviews():
    world = call_world()
    reviewer, conflicted = Client(), Client()
    reviewer.force_login(world.reviewer)
    conflicted.force_login(world.conflicted_reviewer)
    story, voice = world.scoring.criteria.all()
    later = world.call.rounds.get(kind="interview")
    again = Assignment.objects.create(
        round=later, application=world.application, reviewer=world.conflicted_assignment.reviewer
    )

    page = reviewer.get(f"/review/{world.assignment.pk}/")
    posted = reviewer.post(
        f"/review/{world.assignment.pk}/",
        {f"c{story.pk}": "4", f"c{voice.pk}": "5", "committee_comment": "Strong.", "submit": "on"},
    )
    second = reviewer.post(
        f"/review/{world.assignment.pk}/",
        {f"c{story.pk}": "1", f"c{voice.pk}": "1", "submit": "on"},
    )

    assert page.status_code == 200
    assert "故事是否清晰" in page.content.decode()
    assert posted.status_code == 302
    assert second.status_code == 400
    assert Review.objects.get(assignment=world.assignment).scores == {
        str(story.pk): 4,
        str(voice.pk): 5,
    }
    assert conflicted.get(f"/review/{world.conflicted_assignment.pk}/").status_code == 404
    assert conflicted.get(f"/review/{again.pk}/").status_code == 404


def test_blind_round_hides_the_name():
    world = call_world()
    world.scoring.is_blind = True
    world.scoring.save()
    client = Client()
    client.force_login(world.reviewer)

    page = client.get(f"/review/{world.assignment.pk}/").content.decode()

    assert world.application.name_latin not in page
    assert world.application.reference in page


def test_staff_accept_send_and_the_applicant_lands_in_the_cohort(settings):
    world = call_world()
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))
    call = world.call

    staff.post(
        f"/en/workspace/applications/{world.application.pk}/decision/", {"decision": "accepted"}
    )
    preview = staff.get(f"/en/workspace/calls/{call.pk}/decisions/")
    sent = staff.post(
        f"/en/workspace/calls/{call.pk}/decisions/", {"decision": "accepted", "expected_count": "1"}
    )

    world.application.refresh_from_db()
    assert "1 email to send" in preview.content.decode()
    assert sent.status_code == 302
    assert Enrollment.objects.get(talent=world.application.talent).cohort == call.cohort
    assert world.application.talent.user == world.applicant
    applicant = Client()
    applicant.force_login(world.applicant)
    mine = applicant.get(f"/en/calls/{call.slug}/application/").content.decode()
    assert "Accepted" in mine
    portal = applicant.get("/portal/").content.decode()
    assert world.application.title_en in portal or world.application.title_zh in portal


@pytest.mark.parametrize(
    "name",
    [
        "call",
        "call_applications",
        "call_ranking",
        "call_reviewers",
        "call_interviews",
        "call_decisions",
        "call_questions",
        "call_rounds",
        "call_edit",
    ],
)
def test_staff_pages_answer(name):
    world = call_world()
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))

    response = staff.get(reverse(f"workspace:{name}", kwargs={"call_id": world.call.pk}))

    assert response.status_code == 200


def test_the_call_page_speaks_both_languages_and_the_home_page_links_it():
    call = CallFactory(title_zh="第二届征集", title_en="Second call")
    client = Client()

    chinese = client.get(f"/zh-hans/calls/{call.slug}/").content.decode()
    english = client.get(f"/en/calls/{call.slug}/").content.decode()
    home = client.get("/zh-hans/").content.decode()

    assert "第二届征集" in chinese
    assert "申请条件" in chinese
    assert "（北京时间）" in chinese
    assert "Second call" in english
    assert "Who may apply" in english
    assert f"/zh-hans/calls/{call.slug}/" in home


def test_a_call_not_yet_open_is_not_public():
    call = CallFactory(
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=5),
    )

    response = Client().get(f"/en/calls/{call.slug}/")

    assert response.status_code == 404


def test_a_co_applicant_joins_by_the_emailed_link_and_sees_but_cannot_change(settings):
    settings.SITE_URL = "http://testserver"
    application = ApplicationFactory()
    writer = UserFactory(email="writer@example.org")
    owner = Client()
    owner.force_login(application.applicant)
    slug = application.call.slug

    owner.post(
        f"/en/calls/{slug}/application/co-applicants/",
        {"email": "writer@example.org", "role": "writer"},
    )
    body = OutboxMessage.objects.get(recipient="writer@example.org").body_text
    link = re.search(r"https?://testserver(/\S+/join/\S+/)", body).group(1)
    joined = Client()
    joined.force_login(writer)
    joined.post(link)

    assert application.title_en in joined.get(f"/en/calls/{slug}/application/").content.decode()
    assert joined.post(f"/en/calls/{slug}/application/submit/").status_code == 404
    assert joined.get(f"/en/calls/{slug}/application/answers/").status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [("applications", ["APP", "9223372036854775808"]), ("round", "9223372036854775808")],
)
def test_moving_applications_with_an_id_past_64_bits_is_refused_with_a_message(field, value):
    world = call_world()
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))
    posted = {"round": world.scoring.pk, "applications": [world.application.pk]}
    posted[field] = [world.application.pk, value[1]] if field == "applications" else value

    response = staff.post(
        reverse("workspace:call_applications_move", kwargs={"call_id": world.call.pk}),
        posted,
        follow=True,
    )

    said = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert response.status_code == 200
    assert len(said) == 1
    assert "9223372036854775808" in said[0] or "valid choice" in said[0]
    assert Application.objects.get(pk=world.application.pk).round == world.scoring
