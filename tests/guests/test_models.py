"""The guests models' own rules: names and organisations a registration needs, what the
database refuses (one live registration per address, check-in only when confirmed), the seats
a policy offers, a market day's slots, and when an industry invitation can still be used."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from guests.models import (
    Category,
    IndustryInvitation,
    Meeting,
    Registration,
    RegistrationPolicy,
)
from tests.factories import RegistrationFactory, ScreeningFactory
from tests.factories.guests import MarketDayFactory, market_start
from tests.factories.programs import CohortFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_policy_offers_its_own_capacity_or_else_the_venues():
    screening = ScreeningFactory(venue__capacity=300)

    assert RegistrationPolicy(screening=screening, capacity=12).seats == 12
    assert RegistrationPolicy(screening=screening, capacity=0).seats == 0
    assert RegistrationPolicy(screening=screening, capacity=None).seats == 300


def test_a_policy_gives_an_offer_at_least_one_hour():
    policy = RegistrationPolicy(screening=ScreeningFactory(), offer_hours=0)

    with pytest.raises(ValidationError) as refused:
        policy.full_clean()

    assert list(refused.value.message_dict) == ["offer_hours"]


def test_a_registration_needs_a_name_and_press_or_industry_an_organisation():
    nameless = RegistrationFactory.build(name_zh=" ", name_en="", screening=ScreeningFactory())
    press = RegistrationFactory.build(
        category=Category.PRESS, organisation="", screening=nameless.screening
    )

    with pytest.raises(ValidationError) as no_name:
        nameless.clean()
    with pytest.raises(ValidationError) as no_organisation:
        press.clean()

    assert list(no_name.value.message_dict) == ["name_en"]
    assert list(no_organisation.value.message_dict) == ["organisation"]


def test_one_live_registration_per_address_whatever_its_case_but_a_cancelled_one_may_be_redone():
    first = RegistrationFactory(email="Guest@Example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(screening=first.screening, email="guest@example.ORG")
    first.status = Status.CANCELLED
    first.save()
    again = RegistrationFactory(screening=first.screening, email="guest@example.org")

    assert again.status == Status.CONFIRMED


def test_only_a_confirmed_guest_can_be_checked_in_in_the_database():
    waiting = RegistrationFactory(status=Status.WAITING)

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=waiting.pk).update(checked_in_at=timezone.now())


def test_which_registrations_hold_a_seat_and_which_can_be_cancelled():
    holding = {status for status in Status if RegistrationFactory.build(status=status).holds_seat}
    checked_in = RegistrationFactory.build(status=Status.CONFIRMED, checked_in_at=timezone.now())

    assert holding == {Status.CONFIRMED, Status.PENDING_APPROVAL, Status.OFFERED}
    assert RegistrationFactory.build(status=Status.WAITING).can_cancel
    assert not RegistrationFactory.build(status=Status.EXPIRED).can_cancel
    assert not checked_in.can_cancel


def test_a_registration_shows_both_names_and_links_its_ticket_by_secret():
    registration = RegistrationFactory(name_zh="林一", name_en="Lin Yi")

    assert registration.display_name == "林一 / Lin Yi"
    assert registration.get_absolute_url().endswith(f"/{registration.link_secret}/")
    assert len(registration.ticket_code) == 14  # XXXX-XXXX-XXXX


def test_a_market_day_cuts_slots_from_its_opening_and_drops_a_short_last_one():
    day = MarketDayFactory.build(
        cohort=CohortFactory(),
        starts_at=market_start(),
        ends_at=market_start() + datetime.timedelta(minutes=100),
        slot_minutes=30,
    )

    slots = day.slots()

    assert slots == [market_start() + datetime.timedelta(minutes=m) for m in (0, 30, 60)]
    assert day.is_slot(slots[1])
    assert not day.is_slot(slots[1] + datetime.timedelta(minutes=5))


def test_a_market_day_must_fit_one_meeting_and_end_on_the_day_it_starts():
    cohort = CohortFactory()
    short = MarketDayFactory.build(
        cohort=cohort, ends_at=market_start() + datetime.timedelta(minutes=20), slot_minutes=30
    )
    overnight = MarketDayFactory.build(
        cohort=cohort,
        starts_at=market_start(hour=22),
        ends_at=market_start(hour=22) + datetime.timedelta(hours=4),
    )

    for day in (short, overnight):
        with pytest.raises(ValidationError) as refused:
            day.full_clean()
        assert list(refused.value.message_dict) == ["ends_at"]


def test_a_market_day_ending_before_it_starts_is_refused_by_the_database():
    day = MarketDayFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        type(day).objects.filter(pk=day.pk).update(ends_at=day.starts_at)


def test_only_requested_and_accepted_meetings_are_live():
    live = {status for status in Meeting.Status if Meeting(status=status).is_live}

    assert live == {Meeting.Status.REQUESTED, Meeting.Status.ACCEPTED}


def test_an_industry_invitation_is_usable_until_it_expires_or_is_accepted():
    future = timezone.now() + datetime.timedelta(days=1)

    assert IndustryInvitation(expires_at=future).is_usable
    assert not IndustryInvitation(expires_at=timezone.now()).is_usable
    assert not IndustryInvitation(expires_at=future, accepted_at=timezone.now()).is_usable
