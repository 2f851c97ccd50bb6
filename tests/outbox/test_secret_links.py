"""Secret-bearing messages (password reset, invitation): the link exists only in the email that
leaves, never in the stored row, the staff outbox or the admin; a resend makes a fresh link and
voids the old one; opening a message in the outbox is a security event. The attack this closes:
a staff member asked a reset for the superuser and read the live link in the outbox."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import SecurityEvent
from invitations.models import Invitation
from outbox.models import OutboxMessage
from outbox.services import message_resend, message_send
from tests.factories import InvitationFactory, TalentFactory, UserFactory
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db

RESET_LINK = re.compile(r"/password-reset/[^/\s]+/[^/\s]+/")
INVITATION_LINK = re.compile(r"/accounts/invitations/[^/\s\"]+/")
NEW = {"new_password1": "a-new-long-password-9", "new_password2": "a-new-long-password-9"}


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def staff(db):
    client = Client()
    client.force_login(UserFactory(email="staff@example.org", is_staff=True))
    return client


def ask_reset(email: str) -> OutboxMessage:
    Client().post(reverse("accounts:password_reset"), {"email": email})
    return OutboxMessage.objects.filter(recipient=email).latest("pk")


def delivered_path(pattern: re.Pattern, index: int = -1) -> str:
    return pattern.search(mail.outbox[index].body).group(0)


def test_reset_link_is_in_no_stored_body_and_no_staff_page(
    superuser, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = ask_reset(superuser.email)
    message.refresh_from_db()

    workspace = staff.get(reverse("workspace:outbox_message", args=[message.pk]))
    admin = Client()
    admin.force_login(superuser)
    admin_page = admin.get(reverse("admin:outbox_outboxmessage_change", args=[message.pk]))

    assert message.status == OutboxMessage.Status.SENT
    assert RESET_LINK.search(mail.outbox[0].body)
    assert not RESET_LINK.search(message.body_text + message.body_html)
    assert workspace.status_code == admin_page.status_code == 200
    assert not RESET_LINK.search(workspace.text)
    assert not RESET_LINK.search(admin_page.text)
    assert "链接已隐藏" in workspace.text or "link withheld" in workspace.text


def test_staff_cannot_take_over_the_superuser_through_the_outbox(
    superuser, staff, django_capture_on_commit_callbacks
):
    """The attack as it was run: everything a staff member can read holds no working link."""
    with django_capture_on_commit_callbacks(execute=True):
        message = ask_reset(superuser.email)
    pages = [
        staff.get(reverse("workspace:outbox")).text,
        staff.get(reverse("workspace:outbox_message", args=[message.pk])).text,
    ]

    candidates = [m.group(0) for page in pages for m in RESET_LINK.finditer(page)]

    assert candidates == []


def test_a_resent_reset_has_a_fresh_link_and_the_old_one_is_void(
    superuser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = ask_reset(superuser.email)
    first = delivered_path(RESET_LINK)
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxMessage.Status.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        message_resend(message=message)
    second = delivered_path(RESET_LINK)
    client = Client()
    old = client.get(_path(mail.outbox[0].body), follow=True)
    new = client.get(_path(mail.outbox[1].body), follow=True)

    assert first != second
    assert old.context["validlink"] is False
    assert new.context["validlink"] is True
    done = client.post(new.redirect_chain[-1][0], NEW)
    assert done.status_code == 302
    superuser.refresh_from_db()
    assert superuser.check_password(NEW["new_password1"])


def _path(body: str) -> str:
    link = re.search(r"http\S+/password-reset/\S+/", body).group(0)
    return link.split("127.0.0.1:8000", 1)[1]


def test_a_resent_invitation_has_a_fresh_link_and_the_old_one_is_void(
    staff, django_capture_on_commit_callbacks
):
    talent = TalentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("accounts:invitation_create"),
            {"talent": talent.pk, "email": "new@example.org", "language": "en"},
        )
    message = OutboxMessage.objects.get(recipient="new@example.org")
    first = delivered_path(INVITATION_LINK)
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxMessage.Status.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        message_resend(message=message)
    second = delivered_path(INVITATION_LINK)
    message.refresh_from_db()

    assert first != second
    assert not INVITATION_LINK.search(message.body_text + message.body_html)
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    html, _mimetype = mail.outbox[1].alternatives[0]
    assert second in html


def test_an_invitation_used_before_its_message_is_sent_fails_the_message(
    staff, django_capture_on_commit_callbacks
):
    talent = TalentFactory()
    staff.post(
        reverse("accounts:invitation_create"),
        {"talent": talent.pk, "email": "new@example.org", "language": "en"},
    )
    message = OutboxMessage.objects.get(recipient="new@example.org")
    Invitation.objects.update(accepted_at="2026-01-01T00:00:00Z")

    message_send(message_id=message.pk)
    message.refresh_from_db()

    assert mail.outbox == []
    assert message.status == OutboxMessage.Status.FAILED
    assert message.last_error in (
        "The invitation is no longer usable (used, expired or removed): not sent.",
        "该邀请已不可用（已使用、已过期或已删除）：未发送。",
    )


def test_reset_for_an_unknown_address_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = ask_reset("nobody@example.org")
    message.refresh_from_db()

    assert mail.outbox == []
    assert message.status == OutboxMessage.Status.FAILED


def test_opening_a_message_in_the_outbox_is_a_security_event(staff, superuser):
    invitation = InvitationFactory()
    OutboxMessage.objects.create(
        recipient="x@example.org", language="en", subject="s", body_text="t", body_html="h",
        cause=f"invitation:{invitation.pk}",
    )  # fmt: skip
    message = OutboxMessage.objects.get()
    admin = Client()
    admin.force_login(superuser)

    staff.get(reverse("workspace:outbox_message", args=[message.pk]))
    admin.get(reverse("admin:outbox_outboxmessage_change", args=[message.pk]))
    staff.get(reverse("workspace:outbox"))

    events = SecurityEvent.objects.filter(kind="outbox_message_viewed").order_by("pk")
    assert [(e.actor_email, e.details["message"]) for e in events] == [
        ("staff@example.org", message.pk),
        ("root@example.org", message.pk),
    ]


def test_invitation_create_returns_no_usable_token(staff):
    from invitations.services import invitation_create, invitation_find

    invitation = invitation_create(
        email="n@example.org", language="en", invited_by=UserFactory(), talent=TalentFactory()
    )

    assert isinstance(invitation, Invitation)
    assert invitation_find(token=PASSWORD) is None
