import pytest
from django.urls import reverse

from outbox.models import OutboxMessage
from tests.factories.workspace import cohort_people
from workspace.models import Announcement

pytestmark = pytest.mark.django_db


def test_announcement_sends_each_recipient_their_language(staff_client, staff):
    cohort = cohort_people()

    response = staff_client.post(
        reverse("workspace:announcements", args=[cohort.slug]),
        {
            "audience": "cohort",
            "subject_zh": "工作坊改期",
            "subject_en": "Workshop moved",
            "body_zh": "剪辑工作坊改到周五。",
            "body_en": "The editing workshop moves to Friday.",
        },
    )

    announcement = Announcement.objects.get()
    messages = {m.recipient: m for m in OutboxMessage.objects.all()}
    assert response.status_code == 302
    assert (announcement.sent_by, announcement.recipient_count) == (staff, 3)
    assert "工作坊改期" in messages["zh@example.org"].subject
    assert "剪辑工作坊改到周五。" in messages["zh@example.org"].body_text
    assert "Workshop moved" in messages["panel@example.org"].subject
    assert "The editing workshop moves to Friday." in messages["panel@example.org"].body_html


def test_announcement_in_one_language_reaches_everybody_in_it(staff_client):
    cohort = cohort_people()

    staff_client.post(
        reverse("workspace:announcements", args=[cohort.slug]),
        {"audience": "directors", "subject_en": "Only English", "body_en": "Hello."},
    )

    assert "Only English" in OutboxMessage.objects.get(recipient="zh@example.org").subject


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"audience": "cohort", "body_en": "Hi"}, "Write a subject in at least one language."),
        ({"audience": "cohort", "subject_en": "Hi"}, "Write the message in at least one language."),
        ({"audience": "everyone", "subject_en": "Hi", "body_en": "Hi"}, "Select a valid choice."),
        ({"audience": "cohort", "subject_en": "x" * 201, "body_en": "Hi"}, "at most 200"),
    ],
)
def test_announcement_answers_bad_input_and_sends_nothing(staff_client, data, message):
    cohort = cohort_people()

    response = staff_client.post(reverse("workspace:announcements", args=[cohort.slug]), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Announcement.objects.exists()
    assert not OutboxMessage.objects.exists()
