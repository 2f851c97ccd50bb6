"""Writes of the training app: sessions and their invitations (emailed through the outbox in
each person's language), answers, attendance, private notes, the reminder the day before (a
beat job, idempotent), and the personal calendar feed's secret address."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import validated_save
from films.models import Film
from outbox.services import message_enqueue
from programs.models import Cohort
from training.models import Attendee, CalendarFeed, Session, SessionNote


def session_create(
    *, cohort: Cohort, films=(), mentors=(), whole_cohort: bool = False, **fields
) -> Session:
    """A session, and invitations to every person it concerns."""
    films, mentors = list(films), list(mentors)
    session = Session(cohort=cohort, whole_cohort=whole_cohort, **fields)
    _check(session, films)
    with transaction.atomic():
        validated_save(session)
        session.films.set(films)
        session.mentors.set(mentors)
        session_invite(session=session)
    return session


# What an invitee is told about when it changes: the time, or the place.
TIME_FIELDS = ("starts_at", "ends_at")
PLACE_FIELDS = ("venue_zh", "venue_en", "online_url")


def session_update(
    *, session: Session, films=(), mentors=(), whole_cohort: bool = False, **fields
) -> Session:
    """Change a session that has not started. New people are invited; people it no longer
    concerns are told and taken off; a change of time or place is emailed to everyone still
    invited (and the reminder goes again for the new day). Nothing is sent if nothing they
    would notice changed."""
    films, mentors = list(films), list(mentors)
    _check_changeable(session)
    moved = _changed(session, fields, TIME_FIELDS)
    replaced = _changed(session, fields, PLACE_FIELDS)
    for name, value in fields.items():
        setattr(session, name, value)
    session.whole_cohort = whole_cohort
    _check(session, films, moved=moved)
    with transaction.atomic():
        if moved or replaced:
            session.sequence += 1
        validated_save(session)
        session.films.set(films)
        session.mentors.set(mentors)
        _withdraw_the_unconcerned(session)
        told = set(session.attendees.values_list("user_id", flat=True))
        if moved:
            session.attendees.update(reminded_at=None)
        if moved or replaced:
            for attendee in session.attendees.select_related("user"):
                cause = f"session-change:{session.pk}:{attendee.user_id}:{session.sequence}"
                _email(attendee.user, "session_changed", session, cause=cause)
        session_invite(session=session, skip=told)
    return session


def _changed(session: Session, fields: dict, names: tuple[str, ...]) -> bool:
    return any(name in fields and fields[name] != getattr(session, name) for name in names)


def _check_changeable(session: Session) -> None:
    if session.is_cancelled:
        raise ValidationError(_("This session was cancelled."))
    if session.starts_at <= timezone.now():
        raise ValidationError(_("This session has started; it can no longer be changed."))


def _withdraw_the_unconcerned(session: Session) -> None:
    """Whoever the session no longer concerns (their film or their mentor taken off) is told,
    and their invitation removed."""
    wanted = _wanted(session)
    for attendee in session.attendees.select_related("user"):
        if attendee.user_id not in wanted:
            cause = f"session-withdrawn:{session.pk}:{attendee.user_id}:{session.sequence}"
            _email(attendee.user, "session_withdrawn", session, cause=cause)
            attendee.delete()


def session_cancel(*, session: Session, note: str = "") -> Session:
    """Cancel a session that has not ended: everyone invited is told in their language, it
    leaves the calendar feeds, and no reminder goes."""
    if session.is_cancelled:
        raise ValidationError(_("This session was cancelled."))
    if session.ends_at <= timezone.now():
        raise ValidationError(_("This session is over."))
    with transaction.atomic():
        validated_save(
            session,
            cancelled_at=timezone.now(),
            cancellation_note=note.strip(),
            sequence=session.sequence + 1,
        )
        for attendee in session.attendees.select_related("user"):
            cause = f"session-cancel:{session.pk}:{attendee.user_id}"
            _email(attendee.user, "session_cancelled", session, cause=cause)
    return session


def _check(session: Session, films: list[Film], *, moved: bool = True) -> None:
    if moved and session.starts_at and session.starts_at < timezone.now():
        raise ValidationError({"starts_at": _("The session would start in the past.")})
    foreign = [str(film.title) for film in films if film.cohort_id != session.cohort_id]
    if foreign:
        raise ValidationError(
            {"films": _("Not films of this cohort: %(films)s.") % {"films": ", ".join(foreign)}}
        )
    if session.whole_cohort and films:
        raise ValidationError({"films": _("Choose films, or the whole cohort, not both.")})
    if not session.whole_cohort and not films:
        raise ValidationError({"films": _("Choose the films it is for, or the whole cohort.")})
    if session.kind == Session.Kind.MENTORING and (session.whole_cohort or len(films) != 1):
        raise ValidationError({"films": _("One-to-one mentoring is for exactly one film.")})


def _invited_films(session: Session):
    if session.whole_cohort:
        return session.cohort.films.select_related("director__user", "producer__user")
    return session.films.select_related("director__user", "producer__user")


def _wanted(session: Session) -> dict[int, tuple]:
    """The people a session concerns, by user id: (user, the film they come for, as mentor)."""
    wanted: dict[int, tuple] = {}
    for mentor in session.mentors.select_related("user"):
        if mentor.user and mentor.user.is_active:
            wanted[mentor.user.pk] = (mentor.user, None, True)
    for film in _invited_films(session):
        for user in (film.director.user, film.producer.user if film.producer else None):
            if user is not None and user.is_active and user.pk not in wanted:
                wanted[user.pk] = (user, film, False)
    return wanted


def session_invite(*, session: Session, skip: set[int] = frozenset()) -> int:
    """Invite whoever is not invited yet (the films' directors and producers, the session's
    mentors); each new invitation is emailed. Returns how many were new. A cancelled session
    invites nobody."""
    if session.is_cancelled:
        return 0
    invited = set(session.attendees.values_list("user_id", flat=True)) | set(skip)
    new = 0
    for user_id, (user, film, is_mentor) in _wanted(session).items():
        if user_id in invited:
            continue
        Attendee.objects.create(session=session, user=user, film=film, is_mentor=is_mentor)
        _email(user, "session_invitation", session, cause=f"session-invite:{session.pk}:{user.pk}")
        new += 1
    return new


def attendee_respond(*, attendee: Attendee, response: str) -> Attendee:
    if response not in (Attendee.Response.ATTENDING, Attendee.Response.DECLINED):
        raise ValidationError(_("Answer attending or declined."))
    if attendee.session.is_cancelled:
        raise ValidationError(_("This session was cancelled."))
    if attendee.session.ends_at < timezone.now():
        raise ValidationError(_("This session is over."))
    with transaction.atomic():
        return validated_save(attendee, response=response)


def attendance_record(
    *, session: Session, attended_user_ids: set[int], invited_ids: set[int]
) -> None:
    """Who came: `attended_user_ids` among the people listed in `invited_ids` (the form's
    rows). Someone not invited is refused by name; nothing is saved then."""
    attendees = {a.user_id: a for a in session.attendees.select_related("user")}
    strangers = (attended_user_ids | invited_ids) - set(attendees)
    if strangers:
        raise ValidationError(
            _("Not invited to this session: %(people)s.") % {"people": _named(strangers)}
        )
    if session.is_cancelled:
        raise ValidationError(_("This session was cancelled."))
    if session.starts_at > timezone.now():
        raise ValidationError(_("Attendance is recorded once the session has started."))
    with transaction.atomic():
        for user_id in invited_ids:
            validated_save(attendees[user_id], attended=user_id in attended_user_ids)


def _named(user_ids: set[int]) -> str:
    """People by name (or address); an id that is nobody stays a number."""
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=user_ids)}
    return ", ".join(
        (users[pk].full_name or users[pk].email) if pk in users else str(pk)
        for pk in sorted(user_ids)
    )


def session_note_add(*, session: Session, film: Film, author, body: str) -> SessionNote:
    if not _invited_films(session).filter(pk=film.pk).exists():
        raise ValidationError({"film": _("This film is not part of the session.")})
    with transaction.atomic():
        return validated_save(
            SessionNote(session=session, film=film, author=author), body=body.strip()
        )


def session_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Email everybody invited to tomorrow's sessions (Beijing's tomorrow) who has not declined.
    Each attendee is claimed with a conditional UPDATE, so a second run sends nothing again."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    due = Attendee.objects.filter(
        session__starts_at__date=tomorrow,
        session__cancelled_at__isnull=True,
        reminded_at__isnull=True,
    ).exclude(response=Attendee.Response.DECLINED)
    sent = 0
    for attendee in due.select_related("session", "user"):
        with transaction.atomic():
            claimed = Attendee.objects.filter(pk=attendee.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if claimed:
                _email(
                    attendee.user,
                    "session_reminder",
                    attendee.session,
                    cause=f"session-reminder:{attendee.session_id}:{attendee.user_id}",
                )
                sent += 1
    return sent


def _email(user, template: str, session: Session, *, cause: str) -> None:
    path = reverse("portal:session", kwargs={"session_id": session.pk})
    message_enqueue(
        recipient=user.email,
        language=user.preferred_language,
        template=template,
        context={"session": session, "recipient": user, "link": settings.SITE_URL + path},
        cause=cause,
    )


def feed_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_regenerate(*, user) -> str:
    """A new secret address for the person's feed; the old one stops working. Returns the token,
    shown to its owner once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_hash": feed_token_hash(token)}
    )
    return token
