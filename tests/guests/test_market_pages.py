"""The market meeting pages: the agenda with its answers and calendar feed, a guest's request
form, staff's overview and CSV, and an invited industry guest setting up an account."""

import csv
import datetime
import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from guests.market import meeting_accept, meeting_request
from guests.models import IndustryAccreditation, IndustryInvitation, Meeting
from outbox.links import LINK_PLACEHOLDER
from outbox.models import OutboxMessage
from tests.factories import UserFactory
from tests.factories.guests import IndustryAccreditationFactory
from tests.guests.conftest import market_world

pytestmark = pytest.mark.django_db
Status = Meeting.Status


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def ask(market, n=0):
    return meeting_request(
        accreditation=market.accreditation,
        film=market.film,
        market_day=market.day,
        starts_at=market.slot(n),
    )


def slot_text(market, n) -> str:
    return timezone.localtime(market.slot(n)).strftime("%Y-%m-%d %H:%M")


def test_the_request_form_offers_the_guests_free_slots_and_sends_the_request(market):
    ask(market, 0)
    other = market_world(day=market.day)
    other.accreditation.delete()
    client = signed_in(market.guest)
    url = reverse("guests_portal:meeting_request", kwargs={"film_id": other.film.pk})

    page = client.get(url).content.decode()
    response = client.post(url, {"slot": slot_text(market, 2), "message": "Hello"})

    assert slot_text(market, 0) not in page
    assert slot_text(market, 1) in page
    assert response.status_code == 302
    assert Meeting.objects.filter(film=other.film, starts_at=market.slot(2)).exists()


def test_the_industry_page_offers_the_films_of_an_edition_with_an_open_market_day(market):
    closed = market_world()
    closed.day.requests_open = False
    closed.day.save()
    IndustryAccreditationFactory(cohort=closed.day.cohort, user=market.guest)

    page = signed_in(market.guest).get(reverse("guests_portal:industry")).content.decode()

    assert reverse("guests_portal:meeting_request", kwargs={"film_id": market.film.pk}) in page
    assert f"/portal/industry/films/{closed.film.pk}/meet/" not in page


def test_the_request_form_leaves_out_the_times_the_team_is_booked(market):
    rival = market_world(day=market.day)
    rival.film.producer = market.film.producer
    rival.film.save()
    meeting_accept(meeting=ask(rival, 3), decided_by=rival.director)
    url = reverse("guests_portal:meeting_request", kwargs={"film_id": market.film.pk})

    page = signed_in(market.guest).get(url).content.decode()

    assert slot_text(market, 2) in page
    assert slot_text(market, 3) not in page


def test_a_request_outside_the_market_day_is_refused_with_a_400_and_its_hours(market):
    client = signed_in(market.guest)
    url = reverse("guests_portal:meeting_request", kwargs={"film_id": market.film.pk})
    outside = timezone.localtime(market.day.ends_at).strftime("%Y-%m-%d %H:%M")

    response = client.post(url, {"slot": outside})

    assert response.status_code == 400
    assert "Meetings are on" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_guest_not_accredited_for_the_edition_cannot_open_the_form(market):
    client = signed_in(UserFactory())

    response = client.get(
        reverse("guests_portal:meeting_request", kwargs={"film_id": market.film.pk})
    )

    assert response.status_code == 404


def test_the_team_accepts_from_the_agenda_and_both_see_the_table(market):
    meeting = ask(market, 1)
    director = signed_in(market.director)

    director.post(reverse("guests_portal:meeting_accept", kwargs={"meeting_id": meeting.pk}))

    meeting.refresh_from_db()
    assert (meeting.status, meeting.table) == (Status.ACCEPTED, 1)
    guest_page = signed_in(market.guest).get(reverse("guests_portal:meetings")).content.decode()
    assert "Table 1" in guest_page
    assert "Accepted" in guest_page


def test_the_guest_cannot_accept_their_own_request(market):
    meeting = ask(market, 1)

    response = signed_in(market.guest).post(
        reverse("guests_portal:meeting_accept", kwargs={"meeting_id": meeting.pk}), follow=True
    )

    assert "Only the film&#x27;s team answers this request." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Status.REQUESTED


def test_an_outsider_gets_404_for_a_meeting(market):
    meeting = ask(market, 1)

    response = signed_in(UserFactory()).post(
        reverse("guests_portal:meeting_cancel", kwargs={"meeting_id": meeting.pk})
    )

    assert response.status_code == 404


def test_the_calendar_feed_holds_the_accepted_meetings(market):
    meeting_accept(meeting=ask(market, 1), decided_by=market.director)
    client = signed_in(market.producer)

    page = client.post(reverse("guests_portal:meetings_feed")).content.decode()
    feed_path = re.search(r"http://testserver(/portal/calendar/\S+\.ics)", page).group(1)
    feed = Client().get(feed_path).content.decode()

    assert "UID:market-meeting-" in feed
    start = market.slot(1).astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in feed
    assert "Table 1" in feed


@pytest.mark.parametrize("count", [1, 3])
def test_the_agenda_makes_a_fixed_number_of_queries(market, count, django_assert_num_queries):
    for n in range(count):
        other = market_world(day=market.day)
        meeting_request(
            accreditation=market.accreditation,
            film=other.film,
            market_day=market.day,
            starts_at=market.slot(n),
        )
    client = signed_in(market.guest)

    # Session and user, the accreditation and film checks, the meetings, the feed.
    with django_assert_num_queries(5):
        response = client.get(reverse("guests_portal:meetings"))

    assert response.content.decode().count("portal-card__title") == count


def staff_client() -> Client:
    return signed_in(UserFactory(is_staff=True))


def test_staff_see_every_meeting_and_one_persons_schedule(market):
    other = market_world(day=market.day)
    ask(market, 0)
    meeting_request(
        accreditation=other.accreditation,
        film=other.film,
        market_day=market.day,
        starts_at=market.slot(1),
    )
    url = reverse("workspace:market", kwargs={"slug": market.day.cohort.slug})
    client = staff_client()

    everybody = client.get(url).content.decode()
    one = client.get(url, {"person": other.guest.pk}).content.decode()

    assert market.film.title_en in everybody
    assert other.film.title_en in everybody
    assert other.film.title_en in one
    assert market.film.title_en not in one.split('<h2 class="h5">Meetings</h2>')[1]


@pytest.mark.parametrize("count", [1, 3])
def test_the_overview_makes_a_fixed_number_of_queries(market, count, django_assert_num_queries):
    for n in range(count):
        other = market_world(day=market.day)
        meeting_request(
            accreditation=other.accreditation,
            film=other.film,
            market_day=market.day,
            starts_at=market.slot(n),
        )
    client = staff_client()
    url = reverse("workspace:market", kwargs={"slug": market.day.cohort.slug})

    # Session and user, the cohort, the meetings, the counts, the days, the workspace bar.
    with django_assert_num_queries(6):
        client.get(url)


def test_staff_cancel_a_meeting_and_the_others_are_told(market):
    meeting = meeting_accept(meeting=ask(market, 0), decided_by=market.director)
    OutboxMessage.objects.all().delete()

    staff_client().post(
        reverse("workspace:market_meeting_cancel", kwargs={"meeting_id": meeting.pk})
    )

    meeting.refresh_from_db()
    assert meeting.status == Status.CANCELLED
    assert OutboxMessage.objects.count() == 3


def test_the_market_csv_escapes_formulas(market):
    market.accreditation.organisation = "=HYPERLINK(1)"
    market.accreditation.save()
    meeting_request(
        accreditation=market.accreditation,
        film=market.film,
        market_day=market.day,
        starts_at=market.slot(0),
        message="+evil",
    )

    response = staff_client().get(
        reverse("workspace:market_csv", kwargs={"slug": market.day.cohort.slug})
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Date"
    assert rows[1][3:5] == ["", "Requested"]
    assert rows[1][9] == "'=HYPERLINK(1)"
    assert rows[1][11] == "'+evil"


def test_a_market_day_with_its_end_before_its_start_is_refused_with_a_400(market):
    url = reverse("workspace:market", kwargs={"slug": market.day.cohort.slug})
    start = timezone.localtime(market.day.starts_at)

    response = staff_client().post(
        url,
        {
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": start.replace(hour=9).strftime("%Y-%m-%dT%H:%M"),
            "slot_minutes": 30,
            "tables": 3,
        },
    )

    assert response.status_code == 400
    assert market.day.cohort.market_days.count() == 1


def test_an_invited_guest_sets_up_an_account_and_is_accredited(
    market, django_capture_on_commit_callbacks
):
    staff = staff_client()
    url = reverse("workspace:industry", kwargs={"slug": market.day.cohort.slug})
    data = {
        "form": "invite",
        "email": "new.buyer@example.org",
        "full_name": "Nina New",
        "language": "en",
        "kind": "platform",
        "organisation": "Fictional Streaming",
        "valid_until": timezone.localdate().isoformat(),
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, data)

    assert response.status_code == 302
    stored = OutboxMessage.objects.get(recipient="new.buyer@example.org")
    assert LINK_PLACEHOLDER in stored.body_text
    assert "/portal/industry/invitations/" not in stored.body_text
    path = re.search(r"http\S+?(/portal/industry/invitations/\S+/)", mail.outbox[-1].body).group(1)
    guest = Client()
    guest.cookies["django_language"] = "en"
    password = {"new_password1": "a long Pass phrase 42", "new_password2": "a long Pass phrase 42"}
    done = guest.post(path, {"full_name": "Nina New", **password})
    assert done.status_code == 302
    accreditation = IndustryAccreditation.objects.get(user__email="new.buyer@example.org")
    assert (accreditation.cohort, accreditation.organisation) == (
        market.day.cohort,
        "Fictional Streaming",
    )
    assert IndustryInvitation.objects.get().accepted_at is not None
    assert Client().get(path).status_code == 404


def test_inviting_an_address_with_an_account_says_to_accredit_it(market):
    url = reverse("workspace:industry", kwargs={"slug": market.day.cohort.slug})

    response = staff_client().post(
        url,
        {
            "form": "invite",
            "email": market.director.email,
            "language": "en",
            "kind": "platform",
            "organisation": "X",
            "valid_until": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 400
    assert "This address has an account already: accredit it instead." in (
        response.content.decode()
    )
    assert not IndustryInvitation.objects.exists()


def test_withdrawing_an_accreditation_from_the_industry_page(market):
    response = staff_client().post(
        reverse(
            "workspace:accreditation_withdraw", kwargs={"accreditation_id": market.accreditation.pk}
        )
    )

    market.accreditation.refresh_from_db()
    assert response.status_code == 302
    assert market.accreditation.is_active is False
