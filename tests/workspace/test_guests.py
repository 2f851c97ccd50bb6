"""Staff's guest pages: settings, list, approvals, CSV, email, badges, and the door."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from guests.models import Category, Registration
from outbox.models import OutboxMessage
from tests.factories import RegistrationFactory, RegistrationPolicyFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


def url(name: str, obj) -> str:
    key = "registration_id" if isinstance(obj, Registration) else "screening_id"
    return reverse(f"workspace:{name}", kwargs={key: obj.pk})


def check_in(client, screening, code, json=False):
    headers = {"Accept": "application/json"} if json else {}
    return client.post(url("check_in", screening), {"code": code}, headers=headers)


def test_valid_ticket_checks_in_once_then_says_when(staff_client):
    guest = RegistrationFactory(name_en="Ann Lee")

    first = check_in(staff_client, guest.screening, guest.ticket_code, json=True).json()
    again = check_in(staff_client, guest.screening, guest.ticket_code, json=True).json()

    assert first["answer"]["kind"] == "valid"
    assert first["arrivals"] == 1
    assert again["answer"]["kind"] == "already"
    checked_in = timezone.localtime(Registration.objects.get().checked_in_at)
    assert again["answer"]["when"] == checked_in.strftime("%H:%M")


def test_typed_code_in_lower_case_without_dashes_is_accepted(staff_client):
    guest = RegistrationFactory()

    response = check_in(staff_client, guest.screening, guest.ticket_code.replace("-", "").lower())

    assert "Valid: welcome" in response.content.decode()


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.CANCELLED, "Cancelled"),
        (Status.WAITING, "Not confirmed"),
        (Status.EXPIRED, "Cancelled"),
    ],
)
def test_ticket_that_does_not_hold_a_seat_is_refused(staff_client, status, expected):
    guest = RegistrationFactory(status=status)

    response = check_in(staff_client, guest.screening, guest.ticket_code, json=True)

    assert response.json()["answer"]["headline"] == expected
    assert Registration.objects.get().checked_in_at is None


def test_forged_code_and_another_screenings_code_are_unknown(staff_client):
    guest = RegistrationFactory()
    elsewhere = RegistrationFactory()

    forged = check_in(staff_client, guest.screening, "ABCD-EFGH-JKMN", json=True).json()
    other = check_in(staff_client, guest.screening, elsewhere.ticket_code, json=True).json()

    assert forged["answer"]["kind"] == other["answer"]["kind"] == "unknown"
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 0


def test_empty_code_is_a_form_error(staff_client):
    guest = RegistrationFactory()

    response = check_in(staff_client, guest.screening, "")

    assert response.status_code == 400


def test_check_in_page_is_large_type_and_loads_our_script(staff_client):
    guest = RegistrationFactory()

    page = staff_client.get(url("check_in", guest.screening)).content.decode()

    assert "js/check-in.js" in page
    assert "<script>" not in page


def test_policy_form_opens_registration_with_quotas(staff_client):
    screening = RegistrationFactory().screening

    response = staff_client.post(
        url("guests", screening),
        {
            "is_open": "on",
            "capacity": "40",
            "offer_hours": "12",
            "public_offered": "on",
            "press_offered": "on",
            "press_quota": "5",
            "press_approval": "on",
        },
    )

    assert response.status_code == 302
    policy = screening.registration_policy
    assert (policy.is_open, policy.capacity, policy.offer_hours) == (True, 40, 12)
    quotas = {q.category: (q.quota, q.needs_approval) for q in policy.quotas.all()}
    assert quotas == {"public": (None, False), "press": (5, True)}


def test_opening_with_no_category_is_refused_and_changes_nothing(staff_client):
    policy = RegistrationPolicyFactory(is_open=False)

    response = staff_client.post(
        url("guests", policy.screening), {"is_open": "on", "offer_hours": "12"}
    )

    assert response.status_code == 400
    assert "at least one category" in response.content.decode()
    policy.refresh_from_db()
    assert policy.is_open is False


def test_approving_sends_the_ticket(staff_client):
    policy = RegistrationPolicyFactory(categories={Category.PRESS: (None, True)})
    pending = RegistrationFactory(
        screening=policy.screening, status=Status.PENDING_APPROVAL, organisation="Daily"
    )

    staff_client.post(url("guest_approve", pending))

    assert Registration.objects.get().status == Status.CONFIRMED
    assert OutboxMessage.objects.filter(cause__endswith="guest_ticket").count() == 1


def test_approving_a_confirmed_guest_says_why_not(staff_client):
    guest = RegistrationFactory()
    RegistrationPolicyFactory(screening=guest.screening)

    response = staff_client.post(url("guest_approve", guest), follow=True)

    assert "Only a registration waiting for approval" in response.content.decode()


def test_csv_escapes_formulas(staff_client):
    guest = RegistrationFactory(name_en="=HYPERLINK(1)", organisation="+evil")

    response = staff_client.get(url("guests_csv", guest.screening))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == "'=HYPERLINK(1)"
    assert rows[1][4] == "'+evil"


def test_email_goes_to_the_confirmed_guests_of_the_chosen_categories(staff_client):
    press = RegistrationFactory(category=Category.PRESS, organisation="Daily")
    RegistrationFactory(screening=press.screening, category=Category.PUBLIC)
    RegistrationFactory(screening=press.screening, category=Category.PRESS, status=Status.WAITING)

    staff_client.post(
        url("guests_email", press.screening),
        {"categories": ["press"], "subject": "Press room", "body": "Room 2, 18:00."},
    )

    message = OutboxMessage.objects.get()
    assert (message.recipient, message.subject) == (press.email, "Press room")
    assert "Room 2, 18:00." in message.body_text


def test_email_to_nobody_says_so(staff_client):
    guest = RegistrationFactory(category=Category.PUBLIC)

    response = staff_client.post(
        url("guests_email", guest.screening),
        {"categories": ["team"], "subject": "Hello", "body": "Hi"},
    )

    assert response.status_code == 400
    assert "no email was sent" in response.content.decode()


def test_badges_pdf_embeds_the_chinese_font(staff_client):
    RegistrationFactory(name_zh="王小明", name_en="Wang Xiaoming", organisation="爱奇艺")

    response = staff_client.get(url("guests_badges", Registration.objects.get().screening))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"NotoSansCJK" in response.content


def test_badges_without_the_font_say_what_to_install(staff_client, settings, tmp_path):
    settings.BADGE_FONT_PATH = str(tmp_path / "missing.ttc")
    guest = RegistrationFactory()

    response = staff_client.get(url("guests_badges", guest.screening))

    assert response.status_code == 503
    assert "fonts-noto-cjk" in response.content.decode()


@pytest.mark.parametrize("guests", [1, 12])
def test_guest_list_makes_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, guests
):
    policy = RegistrationPolicyFactory()
    RegistrationFactory.create_batch(guests, screening=policy.screening)

    # session, user, screening, policy + quotas, registrations, counts, arrivals
    with django_assert_num_queries(8):
        response = staff_client.get(url("guests", policy.screening))

    assert response.status_code == 200
