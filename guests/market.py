"""Writes for market meetings: the edition's market day, a guest's request to meet a film's
team at one slot, the team's acceptance (which gives it a table) or refusal, and cancelling.
Each event tells the others by email through the outbox, in each person's language.

Nobody is in two places at once: a live meeting holds its people's time as MeetingAttendee
rows (the guest's from the request, the team's from the acceptance) and an accepted one its
table. On PostgreSQL exclusion constraints refuse an overlap whatever the code does (a person's
meetings on two market days at once, a write that bypasses this module: the IntegrityError
becomes a message here). Requests and acceptances of one market day also take turns under the
day's lock (on SQLite its write lock), so the check and the insert see the same meetings and
the refusal can name what is in the way."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.services import validated_save
from core.site import site_url
from films.models import Film
from guests.models import IndustryAccreditation, MarketDay, Meeting, MeetingAttendee
from outbox.services import message_enqueue
from programs.models import Cohort

Status = Meeting.Status


# --- The market day


@transaction.atomic
def market_day_set(*, cohort: Cohort, market_day: MarketDay | None = None, **fields) -> MarketDay:
    """Create or change a market day (starts_at, ends_at, slot_minutes, tables, place,
    requests_open). A change may not strand a live meeting: its slot must still exist and an
    accepted meeting's table must still be there."""
    market_day = market_day or MarketDay(cohort=cohort)
    market_day = validated_save(market_day, **fields)
    live = market_day.meetings.filter(status__in=Meeting.LIVE)
    slots = set(market_day.slots())
    if any(meeting.starts_at not in slots for meeting in live):
        raise ValidationError(
            _("Meetings are already asked for at times this change would remove: keep them.")
        )
    if live.filter(table__gt=market_day.tables).exists():
        raise ValidationError(
            {"tables": _("An accepted meeting sits at a table this change would remove.")}
        )
    return market_day


def _lock_market_day(market_day: MarketDay) -> None:
    """Requests and acceptances of one market day take turns, so the checks that name what is
    in the way see every meeting before them: on PostgreSQL the day's row lock (without it,
    acceptances racing for the tables can deadlock inside the exclusion constraints' checks);
    on SQLite, which has no row locks, an UPDATE that takes the database's write lock."""
    days = MarketDay.objects.filter(pk=market_day.pk)
    if connection.features.has_select_for_update:
        days.select_for_update().get()
    else:
        days.update(updated_at=market_day.updated_at)


# --- People and their time


def team_of(film: Film) -> list[User]:
    """The film's team who can meet guests: its director and producer, where they have an
    account."""
    people = [film.director.user if film.director_id else None]
    people.append(film.producer.user if film.producer_id else None)
    unique = {person.pk: person for person in people if person is not None}
    return list(unique.values())


def is_team_member(user, film: Film) -> bool:
    return user.is_authenticated and any(person.pk == user.pk for person in team_of(film))


def _busy(user: User, starts_at: datetime.datetime, ends_at: datetime.datetime):
    return MeetingAttendee.objects.filter(
        user=user, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).select_related("meeting__film")


def _refuse_if_busy(user: User, starts_at, ends_at, *, own: bool) -> None:
    other = _busy(user, starts_at, ends_at).first()
    if other is None:
        return
    when = timezone.localtime(other.starts_at).strftime("%H:%M")
    if own:
        message = _("You already have a meeting at %(when)s (%(film)s): choose another time.")
    else:
        message = _("%(person)s already has a meeting at %(when)s (%(film)s).")
    raise ValidationError(
        message % {"when": when, "film": other.meeting.film.title, "person": user.full_name}
    )


def _hold_time(meeting: Meeting, people: list[User]) -> None:
    for person in people:
        MeetingAttendee.objects.get_or_create(
            meeting=meeting,
            user=person,
            defaults={"starts_at": meeting.starts_at, "ends_at": meeting.ends_at},
        )


def _race_lost(error: IntegrityError) -> ValidationError:
    """Two requests passed the checks at once on PostgreSQL; the constraint let one commit."""
    text = str(error)
    if "person_in_one_meeting_at_a_time" in text:
        return ValidationError(_("Somebody in this meeting was booked at that time a moment ago."))
    if "one_live_meeting_per_guest_and_film" in text:
        return ValidationError(_("You have already asked to meet this film's team."))
    if "meeting_table_free" in text:
        return ValidationError(_("Every table was taken at that time a moment ago."))
    raise error


# --- Requests and answers


def meeting_request(
    *,
    accreditation: IndustryAccreditation,
    film: Film,
    market_day: MarketDay,
    starts_at: datetime.datetime,
    message: str = "",
) -> Meeting:
    """An accredited guest asks to meet a film's team at one slot of the market day. Refused,
    with a message saying why, outside the market day or its slots, in the past, for a film of
    another edition, with no team to answer, or when the guest has a meeting at that time."""
    _check_request(accreditation, film, market_day, starts_at)
    try:
        with transaction.atomic():
            _lock_market_day(market_day)
            _refuse_if_busy(
                accreditation.user, starts_at, starts_at + market_day.slot_length, own=True
            )
            meeting = validated_save(
                Meeting(market_day=market_day, accreditation=accreditation, film=film),
                starts_at=starts_at,
                ends_at=starts_at + market_day.slot_length,
                message=message.strip(),
            )
            _hold_time(meeting, [accreditation.user])
            for person in team_of(film):
                _email(meeting, person, "market_requested")
            return meeting
    except IntegrityError as error:
        raise _race_lost(error) from error


def _check_request(accreditation, film, market_day, starts_at) -> None:
    if not accreditation.is_active or accreditation.valid_until < timezone.localdate():
        raise ValidationError(_("Your accreditation is not valid any more."))
    if film.cohort_id != accreditation.cohort_id or market_day.cohort_id != film.cohort_id:
        raise ValidationError(_("This film is not in the edition you are accredited for."))
    if not market_day.requests_open:
        raise ValidationError(_("Meeting requests for this market day are closed."))
    if not market_day.is_slot(starts_at):
        day = timezone.localtime(market_day.starts_at)
        end = timezone.localtime(market_day.ends_at)
        raise ValidationError(
            {
                "slot": _(
                    "Meetings are on %(day)s from %(start)s to %(end)s, every %(minutes)d "
                    "minutes: choose one of those times."
                )
                % {
                    "day": day.strftime("%Y-%m-%d"),
                    "start": day.strftime("%H:%M"),
                    "end": end.strftime("%H:%M"),
                    "minutes": market_day.slot_minutes,
                }
            }
        )
    if starts_at <= timezone.now():
        raise ValidationError({"slot": _("This time has passed.")})
    if not team_of(film):
        raise ValidationError(_("Nobody of this film's team has an account yet to answer."))


def _locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("film__director__user", "film__producer__user", "accreditation__user")
        .select_related("market_day")
        .get(pk=meeting.pk)
    )


def meeting_accept(*, meeting: Meeting, decided_by: User) -> Meeting:
    """The team accepts: every team member must be free then, and a table too (the first free
    one). Refused with a message naming who or what is in the way."""
    try:
        with transaction.atomic():
            _lock_market_day(meeting.market_day)
            meeting = _locked(meeting)
            _check_answer(meeting, decided_by)
            if meeting.starts_at <= timezone.now():
                raise ValidationError(_("This meeting's time has passed."))
            for person in team_of(meeting.film):
                _refuse_if_busy(person, meeting.starts_at, meeting.ends_at, own=False)
            _seat_at_a_table(meeting, decided_by)
            _hold_time(meeting, team_of(meeting.film))
            for person in [meeting.accreditation.user, *team_of(meeting.film)]:
                _email(meeting, person, "market_accepted")
            return meeting
    except IntegrityError as error:
        raise _race_lost(error) from error


def _seat_at_a_table(meeting: Meeting, decided_by: User) -> None:
    taken = set(
        Meeting.objects.filter(
            market_day=meeting.market_day,
            status=Status.ACCEPTED,
            starts_at__lt=meeting.ends_at,
            ends_at__gt=meeting.starts_at,
        ).values_list("table", flat=True)
    )
    free = [n for n in range(1, meeting.market_day.tables + 1) if n not in taken]
    if not free:
        when = timezone.localtime(meeting.starts_at).strftime("%H:%M")
        raise ValidationError(
            _("Every table is taken at %(when)s: decline, or ask staff.") % {"when": when}
        )
    validated_save(
        meeting,
        status=Status.ACCEPTED,
        table=free[0],
        decided_by=decided_by,
        decided_at=timezone.now(),
    )


def _check_answer(meeting: Meeting, user: User) -> None:
    if not is_team_member(user, meeting.film):
        raise ValidationError(_("Only the film's team answers this request."))
    if meeting.status != Status.REQUESTED:
        raise ValidationError(_("This request has been answered already."))


@transaction.atomic
def meeting_decline(*, meeting: Meeting, decided_by: User) -> Meeting:
    meeting = _locked(meeting)
    _check_answer(meeting, decided_by)
    validated_save(
        meeting, status=Status.DECLINED, decided_by=decided_by, decided_at=timezone.now()
    )
    meeting.attendees.all().delete()
    _email(meeting, meeting.accreditation.user, "market_declined")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, cancelled_by: User) -> Meeting:
    """The guest, the team or staff call a live meeting off: its time and table are free again
    and everybody else in it is told."""
    meeting = _locked(meeting)
    people = [meeting.accreditation.user, *team_of(meeting.film)]
    if not (cancelled_by.is_staff or any(p.pk == cancelled_by.pk for p in people)):
        raise ValidationError(_("Only the people in this meeting or staff can cancel it."))
    if not meeting.is_live:
        raise ValidationError(_("This meeting is not on any more."))
    told = people if meeting.status == Status.ACCEPTED else [meeting.accreditation.user]
    validated_save(meeting, status=Status.CANCELLED, table=None)
    meeting.attendees.all().delete()
    for person in told:
        if person.pk != cancelled_by.pk:
            _email(meeting, person, "market_cancelled")
    return meeting


def meetings_withdraw(*, accreditation: IndustryAccreditation) -> int:
    """A withdrawn accreditation takes the guest's live meetings with it (the team is told)."""
    live = Meeting.objects.filter(accreditation=accreditation, status__in=Meeting.LIVE)
    count = 0
    for meeting in live:
        meeting_cancel(meeting=meeting, cancelled_by=accreditation.user)
        count += 1
    return count


# --- Emails


def _email(meeting: Meeting, person: User, template: str) -> None:
    guest = meeting.accreditation
    message_enqueue(
        recipient=person.email,
        language=person.preferred_language,
        template=template,
        context={
            "meeting": meeting,
            "film_title": str(meeting.film.title),
            "guest_name": guest.user.full_name,
            "organisation": guest.organisation,
            "place": meeting.market_day.place,
            "agenda": site_url() + reverse("guests_portal:meetings"),
            "recipient_is_guest": person.pk == guest.user_id,
        },
        cause=f"meeting:{meeting.pk}:{template}:{person.pk}",
    )
