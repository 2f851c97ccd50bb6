"""Each mentor chooses how they hear of work to review (issue 13 §3): an email at each
submission and comment, or one digest a day in their own language."""

from django.core import mail
from django.urls import reverse

from films.services import submission_comment_add
from mentors.models import Mentor
from outbox.models import DigestEntry, OutboxMessage
from outbox.services import digests_send
from tests.factories import pdf_bytes
from tests.portal.test_submissions import post_file


def choose_daily(user, language="en"):
    user.preferred_language = language
    user.save()
    user.mentor_profile.review_emails = Mentor.ReviewEmails.DAILY
    user.mentor_profile.save()


def test_a_mentor_who_chose_the_digest_gets_no_email_at_the_submission_and_the_other_does(
    client, world, django_capture_on_commit_callbacks
):
    choose_daily(world.panel_member)
    client.force_login(world.director)

    with django_capture_on_commit_callbacks(execute=True):
        post_file(client, world, world.document_milestone, pdf_bytes())

    assert [message.to[0] for message in mail.outbox] == [world.producer.email]
    waiting = DigestEntry.objects.get(recipient=world.panel_member.email)
    assert waiting.message is None
    assert world.film.title_en in waiting.summary


def test_the_digest_gathers_the_day_in_the_mentors_language_and_is_sent_once(
    client, world, django_capture_on_commit_callbacks
):
    choose_daily(world.panel_member, language="zh-hans")
    client.force_login(world.director)
    with django_capture_on_commit_callbacks(execute=True):
        post_file(client, world, world.document_milestone, pdf_bytes())
    submission_comment_add(
        submission=world.submission, author=world.director, body="Is the new cut better?"
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        written = digests_send()
    with django_capture_on_commit_callbacks(execute=True):
        written_again = digests_send()

    assert (written, written_again) == (1, 0)
    [digest] = mail.outbox
    assert digest.to == [world.panel_member.email]
    assert digest.subject == "每日摘要：2 条更新"
    assert "新提交" in digest.body and "Is the new cut better?" in digest.body
    assert not DigestEntry.objects.filter(message__isnull=True).exists()
    assert OutboxMessage.objects.get(cause__startswith="digest:").status == "sent"


def test_nobody_who_chose_emails_at_once_gets_a_digest(client, world):
    client.force_login(world.director)
    post_file(client, world, world.document_milestone, pdf_bytes())

    assert digests_send() == 0
    assert not DigestEntry.objects.exists()


def test_the_director_is_told_of_a_review_at_once_whatever_the_mentors_chose(
    world, django_capture_on_commit_callbacks
):
    """The choice is the mentor's: the director's emails about their own film are not held."""
    from films.services import submission_review

    choose_daily(world.producer)
    with django_capture_on_commit_callbacks(execute=True):
        submission_review(submission=world.submission, reviewer=world.producer, decision="approved")

    assert [message.to[0] for message in mail.outbox] == [world.director.email]


def test_a_mentor_chooses_the_digest_on_the_review_page(client, world):
    client.force_login(world.panel_member)

    page = client.get(reverse("portal:reviews"))
    saved = client.post(reverse("portal:reviews"), {"review_emails": "daily"})
    refused = client.post(reverse("portal:reviews"), {"review_emails": "hourly"})

    assert "One digest email a day" in page.text
    assert saved.status_code == 302
    world.panel_member.mentor_profile.refresh_from_db()
    assert world.panel_member.mentor_profile.review_emails == Mentor.ReviewEmails.DAILY
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.text


def test_a_director_has_no_review_page_to_post_to(client, world):
    client.force_login(world.director)

    assert client.post(reverse("portal:reviews"), {"review_emails": "daily"}).status_code == 404
