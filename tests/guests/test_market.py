"""Market meetings: requests at the market day's slots, the team's answer with a table, nobody
in two places at once, cancelling, and the emails in each person's language."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from guests.industry import accreditation_revoke
from guests.market import (
    market_day_set,
    meeting_accept,
    meeting_cancel,
    meeting_decline,
    meeting_request,
)
from guests.models import Meeting, MeetingAttendee
from guests.selectors import free_slots, person_meetings
from outbox.models import OutboxMessage
from privacy.services import personal_data
from tests.factories import FilmFactory, MentorFactory, UserFactory
from tests.factories.guests import IndustryAccreditationFactory
from tests.guests.conftest import market_world

pytestmark = pytest.mark.django_db
Status = Meeting.Status


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def ask(market, n=0, film=None, accreditation=None, message=""):
    return meeting_request(
        accreditation=accreditation or market.accreditation,
        film=film or market.film,
        market_day=market.day,
        starts_at=market.slot(n),
        message=message,
    )


def messages(error) -> list[str]:
    return error.value.messages


def test_a_request_holds_the_guests_time_and_tells_the_team(market):
    meeting = ask(market, 1, message="We buy shorts for our platform.")

    assert meeting.status == Status.REQUESTED
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(minutes=30)
    assert list(meeting.attendees.values_list("user", flat=True)) == [market.guest.pk]
    mails = {m.recipient: m for m in OutboxMessage.objects.all()}
    assert set(mails) == {market.director.email, market.producer.email}
    assert mails[market.director.email].language == "zh-hans"
    assert "会面请求" in mails[market.director.email].subject
    assert mails[market.producer.email].subject == (
        f"Meeting request: Greta Guest about {market.film.title_en}"
    )


def test_a_time_outside_the_market_day_is_refused_with_its_hours(market):
    outside = market.day.starts_at - datetime.timedelta(hours=1)

    with pytest.raises(ValidationError) as error:
        meeting_request(
            accreditation=market.accreditation,
            film=market.film,
            market_day=market.day,
            starts_at=outside,
        )

    assert messages(error) == [
        f"Meetings are on {timezone.localtime(market.day.starts_at):%Y-%m-%d} from 10:00 to "
        "12:00, every 30 minutes: choose one of those times."
    ]
    assert Meeting.objects.count() == 0


def test_a_time_between_two_slots_is_refused(market):
    with pytest.raises(ValidationError):
        meeting_request(
            accreditation=market.accreditation,
            film=market.film,
            market_day=market.day,
            starts_at=market.slot(0) + datetime.timedelta(minutes=10),
        )

    assert Meeting.objects.count() == 0


def test_the_last_slot_ends_when_the_market_closes(market):
    assert market.day.slots()[-1] + market.day.slot_length == market.day.ends_at
    assert len(market.day.slots()) == 4


def test_a_guest_cannot_ask_two_teams_for_the_same_time(market):
    other = FilmFactory(cohort=market.film.cohort, producer=market.film.producer)
    ask(market, 0)

    with pytest.raises(ValidationError) as error:
        ask(market, 0, film=other)

    assert messages(error) == [
        f"You already have a meeting at 10:00 ({market.film.title_en}): choose another time."
    ]
    assert Meeting.objects.count() == 1


def test_a_second_request_to_the_same_team_is_refused(market):
    ask(market, 0)

    with pytest.raises(ValidationError) as error:
        ask(market, 1)

    assert messages(error) == ["You have already asked to meet this film's team."]


def test_a_film_of_another_edition_is_refused(market):
    other_film = FilmFactory(producer=MentorFactory(user=UserFactory()))

    with pytest.raises(ValidationError) as error:
        ask(market, 0, film=other_film)

    assert messages(error) == ["This film is not in the edition you are accredited for."]


def test_a_withdrawn_or_ended_accreditation_cannot_ask(market):
    market.accreditation.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    market.accreditation.save()

    with pytest.raises(ValidationError) as error:
        ask(market, 0)

    assert messages(error) == ["Your accreditation is not valid any more."]


def test_closed_requests_and_past_slots_are_refused(market):
    market.day.requests_open = False
    market.day.save()

    with pytest.raises(ValidationError) as error:
        ask(market, 0)

    assert messages(error) == ["Meeting requests for this market day are closed."]


def test_a_past_slot_is_refused():
    market = market_world()
    market.day.starts_at -= datetime.timedelta(days=11)
    market.day.ends_at -= datetime.timedelta(days=11)
    market.day.save()

    with pytest.raises(ValidationError) as error:
        ask(market, 0)

    assert messages(error) == ["This time has passed."]


def test_accepting_gives_the_first_free_table_and_holds_the_teams_time(market):
    meeting = ask(market, 2)
    OutboxMessage.objects.all().delete()

    meeting = meeting_accept(meeting=meeting, decided_by=market.director)

    assert (meeting.status, meeting.table) == (Status.ACCEPTED, 1)
    held = set(MeetingAttendee.objects.values_list("user", flat=True))
    assert held == {market.guest.pk, market.director.pk, market.producer.pk}
    recipients = set(OutboxMessage.objects.values_list("recipient", flat=True))
    assert recipients == {market.guest.email, market.director.email, market.producer.email}
    guest_mail = OutboxMessage.objects.get(recipient=market.guest.email)
    assert "table 1" in guest_mail.body_text


def test_a_team_member_busy_at_that_time_cannot_accept(market):
    # The producer also produces another film, whose meeting at 10:00 is accepted.
    second = market_world(day=market.day)
    second.film.producer = market.film.producer
    second.film.save()
    meeting_accept(meeting=ask(second, 0), decided_by=second.director)
    meeting = ask(market, 0)

    with pytest.raises(ValidationError) as error:
        meeting_accept(meeting=meeting, decided_by=market.director)

    assert messages(error) == [
        f"Paul Producer already has a meeting at 10:00 ({second.film.title_en})."
    ]
    meeting.refresh_from_db()
    assert meeting.status == Status.REQUESTED


def test_when_every_table_is_taken_the_acceptance_is_refused(market):
    others = [market_world(day=market.day) for _ in range(2)]
    for other in others:
        meeting_accept(meeting=ask(other, 1), decided_by=other.director)
    meeting = ask(market, 1)

    with pytest.raises(ValidationError) as error:
        meeting_accept(meeting=meeting, decided_by=market.producer)

    assert messages(error) == ["Every table is taken at 10:30: decline, or ask staff."]
    tables = sorted(Meeting.objects.filter(status=Status.ACCEPTED).values_list("table", flat=True))
    assert tables == [1, 2]


def test_only_the_team_answers(market):
    meeting = ask(market, 0)

    with pytest.raises(ValidationError) as error:
        meeting_accept(meeting=meeting, decided_by=market.guest)

    assert messages(error) == ["Only the film's team answers this request."]


def test_declining_frees_the_guests_time_and_tells_them(market):
    meeting = ask(market, 0)
    OutboxMessage.objects.all().delete()

    meeting_decline(meeting=meeting, decided_by=market.producer)

    assert MeetingAttendee.objects.count() == 0
    mail = OutboxMessage.objects.get()
    assert (mail.recipient, mail.language) == (market.guest.email, "en")
    assert free_slots(market.day, [market.guest]) == market.day.slots()


def test_an_answered_request_cannot_be_answered_again(market):
    meeting = meeting_decline(meeting=ask(market, 0), decided_by=market.producer)

    with pytest.raises(ValidationError) as error:
        meeting_accept(meeting=meeting, decided_by=market.director)

    assert messages(error) == ["This request has been answered already."]


def test_cancelling_an_accepted_meeting_frees_time_and_table_and_tells_the_others(market):
    meeting = meeting_accept(meeting=ask(market, 0), decided_by=market.director)
    OutboxMessage.objects.all().delete()

    meeting_cancel(meeting=meeting, cancelled_by=market.guest)

    meeting.refresh_from_db()
    assert (meeting.status, meeting.table) == (Status.CANCELLED, None)
    assert MeetingAttendee.objects.count() == 0
    recipients = set(OutboxMessage.objects.values_list("recipient", flat=True))
    assert recipients == {market.director.email, market.producer.email}


def test_an_outsider_cannot_cancel(market):
    meeting = ask(market, 0)

    with pytest.raises(ValidationError):
        meeting_cancel(meeting=meeting, cancelled_by=UserFactory())

    meeting.refresh_from_db()
    assert meeting.status == Status.REQUESTED


def test_withdrawing_the_accreditation_calls_the_guests_meetings_off(market):
    meeting = meeting_accept(meeting=ask(market, 0), decided_by=market.director)

    accreditation_revoke(accreditation=market.accreditation)

    meeting.refresh_from_db()
    assert meeting.status == Status.CANCELLED
    assert MeetingAttendee.objects.count() == 0


def test_a_person_sees_their_meetings_as_guest_and_as_team(market):
    other = market_world(day=market.day)
    as_guest = ask(market, 0)
    # The director of the first film is an accredited guest of the edition as well.
    director_pass = IndustryAccreditationFactory(cohort=market.day.cohort, user=market.director)
    as_team_guest = ask(other, 1, accreditation=director_pass)

    assert [m.pk for m in person_meetings(market.director)] == [as_guest.pk, as_team_guest.pk]
    assert [m.pk for m in person_meetings(other.director)] == [as_team_guest.pk]


def test_a_change_of_the_market_day_may_not_strand_a_live_meeting(market):
    meeting_accept(meeting=ask(market, 3), decided_by=market.director)
    values = {
        "starts_at": market.day.starts_at,
        "ends_at": market.day.ends_at - datetime.timedelta(hours=1),
        "slot_minutes": 30,
        "tables": 2,
        "place": "",
        "requests_open": True,
    }

    with pytest.raises(ValidationError):
        market_day_set(cohort=market.day.cohort, market_day=market.day, **values)

    market.day.refresh_from_db()
    assert market.day.ends_at - market.day.starts_at == datetime.timedelta(hours=2)


def test_a_market_day_ends_on_the_day_it_starts(market):
    values = {
        "starts_at": market.day.starts_at,
        "ends_at": market.day.starts_at + datetime.timedelta(days=1),
        "slot_minutes": 30,
        "tables": 2,
        "place": "",
        "requests_open": True,
    }

    with pytest.raises(ValidationError) as error:
        market_day_set(cohort=market.day.cohort, **values)

    assert messages(error) == ["A market day ends on the day it starts."]


def test_a_guests_data_export_holds_their_accreditation_and_meetings(market):
    meeting = ask(market, 0, message="About the rights")

    data = personal_data(user=market.guest)

    assert [row["id"] for row in data["market_meetings"]] == [meeting.pk]
    assert data["market_meetings"][0]["message"] == "About the rights"
    assert [row["id"] for row in data["industry_accreditations"]] == [market.accreditation.pk]
