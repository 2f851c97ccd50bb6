"""guests.services: registering, confirming, the waiting list and its offers, cancelling,
approval, the check-in at the door and staff messages to guests."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from guests.models import Category, Registration
from guests.services import (
    CheckIn,
    normalise_ticket_code,
    offers_expire,
    registration_approve,
    registration_cancel,
    registration_check_in,
    registration_confirm,
    registration_create,
    registration_decline,
    registration_offer_accept,
    registration_policy_set,
    registrations_email,
)
from outbox.models import OutboxMessage
from tests.factories import RegistrationFactory, RegistrationPolicyFactory, ScreeningFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def register(policy, email, category=Category.PUBLIC, **fields) -> Registration:
    registration = registration_create(
        screening=policy.screening,
        category=category,
        email=email,
        name_en=fields.pop("name_en", email.split("@")[0]),
        language="en",
        **fields,
    )
    return registration_confirm(registration=registration)


def test_registration_waits_for_email_confirmation_before_taking_a_seat():
    policy = RegistrationPolicyFactory(capacity=1)

    registration = registration_create(
        screening=policy.screening, category="public", email="ann@example.org", name_en="Ann"
    )

    assert registration.status == Status.UNCONFIRMED
    message = OutboxMessage.objects.get()
    assert message.cause == f"registration:{registration.pk}:guest_confirm_email"
    assert registration.link_secret in OutboxMessage.objects.get().body_text


def test_confirmed_registration_gets_a_ticket_with_a_qr_code():
    policy = RegistrationPolicyFactory(capacity=1)

    registration = register(policy, "ann@example.org")

    assert registration.status == Status.CONFIRMED
    ticket = OutboxMessage.objects.get(cause__endswith="guest_ticket")
    assert registration.ticket_code in ticket.body_text
    assert 'src="data:image/png;base64,' in ticket.body_html


def test_full_screening_puts_the_next_person_on_the_waiting_list():
    policy = RegistrationPolicyFactory(capacity=1)
    register(policy, "ann@example.org")

    second = register(policy, "ben@example.org")

    assert second.status == Status.WAITING
    assert second.waiting_since is not None


def test_freed_seat_is_offered_to_the_longest_waiting_person():
    policy = RegistrationPolicyFactory(capacity=1)
    first = register(policy, "ann@example.org")
    waiting = [register(policy, f"w{n}@example.org") for n in range(2)]

    registration_cancel(registration=first)

    waiting = [Registration.objects.get(pk=w.pk) for w in waiting]
    assert [w.status for w in waiting] == [Status.OFFERED, Status.WAITING]
    offer_expires = timezone.localtime(waiting[0].offer_expires_at)
    assert offer_expires > timezone.localtime() + datetime.timedelta(hours=23)


def test_accepted_offer_becomes_a_ticket():
    policy = RegistrationPolicyFactory(capacity=1)
    first = register(policy, "ann@example.org")
    second = register(policy, "ben@example.org")
    registration_cancel(registration=first)

    accepted = registration_offer_accept(registration=second)

    assert accepted.status == Status.CONFIRMED


def test_expired_offer_goes_to_the_next_person_by_the_beat_job():
    policy = RegistrationPolicyFactory(capacity=1)
    first = register(policy, "ann@example.org")
    second = register(policy, "ben@example.org")
    third = register(policy, "cat@example.org")
    registration_cancel(registration=first)

    expired = offers_expire(now=timezone.now() + datetime.timedelta(hours=25))

    assert expired == 1
    assert Registration.objects.get(pk=second.pk).status == Status.EXPIRED
    assert Registration.objects.get(pk=third.pk).status == Status.OFFERED


def test_accepting_an_expired_offer_is_refused_and_passes_the_seat_on():
    policy = RegistrationPolicyFactory(capacity=1, offer_hours=1)
    first = register(policy, "ann@example.org")
    second = register(policy, "ben@example.org")
    third = register(policy, "cat@example.org")
    registration_cancel(registration=first)
    Registration.objects.filter(pk=second.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    with pytest.raises(ValidationError, match="expired"):
        registration_offer_accept(registration=second)

    assert Registration.objects.get(pk=third.pk).status == Status.OFFERED


def test_category_quota_is_kept_apart_from_the_capacity():
    policy = RegistrationPolicyFactory(
        capacity=10, categories={Category.PUBLIC: (None, False), Category.PRESS: (1, False)}
    )
    register(policy, "p1@example.org", Category.PRESS, organisation="Daily")

    second_press = register(policy, "p2@example.org", Category.PRESS, organisation="Weekly")
    public = register(policy, "ann@example.org")

    assert (second_press.status, public.status) == (Status.WAITING, Status.CONFIRMED)


def test_category_needing_approval_holds_the_seat_until_staff_approve():
    policy = RegistrationPolicyFactory(capacity=1, categories={Category.INDUSTRY: (None, True)})
    pending = register(policy, "buyer@example.org", Category.INDUSTRY, organisation="iQIYI")
    later = register(policy, "late@example.org", Category.INDUSTRY, organisation="Sales Co")

    approved = registration_approve(registration=pending)

    assert (approved.status, later.status) == (Status.CONFIRMED, Status.WAITING)


def test_declined_registration_frees_its_held_seat():
    policy = RegistrationPolicyFactory(capacity=1, categories={Category.INDUSTRY: (None, True)})
    pending = register(policy, "buyer@example.org", Category.INDUSTRY, organisation="iQIYI")
    later = register(policy, "late@example.org", Category.INDUSTRY, organisation="Sales Co")

    registration_decline(registration=pending)

    assert Registration.objects.get(pk=later.pk).status == Status.OFFERED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"is_open": False}, "closed"),
        ({"starts_at": timezone.now() - datetime.timedelta(minutes=5)}, "started"),
    ],
)
def test_registration_after_closing_is_refused(change, message):
    policy = RegistrationPolicyFactory()
    if "is_open" in change:
        policy.is_open = False
        policy.save()
    else:
        screening = policy.screening
        screening.starts_at = change["starts_at"]
        screening.save()

    with pytest.raises(ValidationError, match=message):
        register(policy, "ann@example.org")

    assert Registration.objects.count() == 0


def test_same_email_twice_is_refused_whatever_its_case():
    policy = RegistrationPolicyFactory()
    register(policy, "ann@example.org")

    with pytest.raises(ValidationError, match="already registered"):
        register(policy, "ANN@example.org")


def test_cancelled_guest_may_register_again():
    policy = RegistrationPolicyFactory()
    registration_cancel(registration=register(policy, "ann@example.org"))

    again = register(policy, "ann@example.org")

    assert again.status == Status.CONFIRMED


def test_category_not_offered_is_refused():
    policy = RegistrationPolicyFactory()

    with pytest.raises(ValidationError, match="not offered"):
        register(policy, "x@example.org", Category.PRESS, organisation="Daily")


def test_industry_and_press_need_an_organisation():
    policy = RegistrationPolicyFactory(categories={Category.PRESS: (None, False)})

    with pytest.raises(ValidationError, match="organisation"):
        register(policy, "x@example.org", Category.PRESS)


def test_policy_change_offers_new_seats_to_the_waiting_list():
    policy = RegistrationPolicyFactory(capacity=1)
    register(policy, "ann@example.org")
    waiting = register(policy, "ben@example.org")

    registration_policy_set(
        screening=policy.screening,
        is_open=True,
        capacity=2,
        offer_hours=12,
        quotas={Category.PUBLIC: (None, False)},
    )

    assert Registration.objects.get(pk=waiting.pk).status == Status.OFFERED


def test_capacity_falls_back_to_the_venue():
    screening = ScreeningFactory(venue__capacity=2)
    policy = RegistrationPolicyFactory(screening=screening, capacity=None)

    statuses = [register(policy, f"g{n}@example.org").status for n in range(3)]

    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING]


def test_cancelling_twice_changes_nothing():
    registration = RegistrationFactory(status=Status.CANCELLED)
    RegistrationPolicyFactory(screening=registration.screening)

    again = registration_cancel(registration=registration)

    assert again.status == Status.CANCELLED
    assert OutboxMessage.objects.count() == 0


def test_a_ticket_code_lets_one_person_in_and_says_why_the_others_are_not():
    policy = RegistrationPolicyFactory()
    guest = register(policy, "door@example.org")
    waiting = RegistrationFactory(
        screening=policy.screening, status=Status.WAITING, waiting_since=timezone.now()
    )
    cancelled = RegistrationFactory(screening=policy.screening, status=Status.CANCELLED)
    typed = guest.ticket_code.lower().replace("-", " ")

    first = registration_check_in(screening=policy.screening, code=typed)
    second = registration_check_in(screening=policy.screening, code=guest.ticket_code)
    answers = [
        registration_check_in(screening=policy.screening, code=r.ticket_code).answer
        for r in (waiting, cancelled)
    ]
    elsewhere = registration_check_in(screening=ScreeningFactory(), code=guest.ticket_code)

    assert (first.answer, first.registration) == (CheckIn.Answer.VALID, guest)
    assert (second.answer, second.checked_in_at) == (CheckIn.Answer.ALREADY, first.checked_in_at)
    assert answers == [CheckIn.Answer.NOT_CONFIRMED, CheckIn.Answer.CANCELLED]
    assert elsewhere.answer == CheckIn.Answer.UNKNOWN


def test_normalise_ticket_code_accepts_what_a_thumb_types_and_refuses_the_wrong_length():
    assert normalise_ticket_code(" ab12 cd34-ef56 ") == "AB12-CD34-EF56"
    assert normalise_ticket_code("AB12CD34EF5") == ""
    assert normalise_ticket_code("") == ""


def test_staff_messages_go_to_confirmed_guests_of_the_chosen_categories_only():
    policy = RegistrationPolicyFactory(
        categories={Category.PUBLIC: (None, False), Category.PRESS: (5, False)}
    )
    public = register(policy, "public@example.org")
    register(policy, "press@example.org", category=Category.PRESS, organisation="Daily")
    RegistrationFactory(screening=policy.screening, status=Status.CANCELLED)

    sent = registrations_email(
        screening=policy.screening,
        categories=[Category.PUBLIC],
        subject="Doors at 19:00",
        body="Come early.",
    )
    with pytest.raises(ValidationError):
        registrations_email(
            screening=policy.screening, categories=[Category.INDUSTRY], subject="x", body="y"
        )

    assert sent == 1
    message = OutboxMessage.objects.get(cause=f"registration:{public.pk}:message")
    assert message.recipient == "public@example.org"
    assert "Come early." in message.body_text
