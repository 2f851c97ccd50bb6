"""A person's calendar as iCalendar (RFC 5545) text: their sessions (unless declined) and the
milestone due dates of the films they direct, and whatever events the caller adds (the portal
adds the person's market meetings). Written by hand: a few properties, no library."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.utils import timezone

from training.selectors import user_due_dates, user_sessions


def _escape(text: str) -> str:
    return (
        str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " "
        current += char
    return "\r\n".join([*out, current])


def calendar_feed(user, *, more_events: Sequence[str] = ()) -> str:
    """`more_events`: VEVENT lines of apps above training (the market meetings of guests),
    joined by the portal that serves the feed."""
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "localhost"
    stamp = _utc(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{settings.SITE_NAME}//training//EN"]
    # A cancelled session leaves the feed rather than staying with STATUS:CANCELLED: a
    # subscribed feed is re-read whole, and every client drops an event that is gone, while
    # a CANCELLED event published without an iTIP METHOD:CANCEL is honoured unevenly.
    sessions = user_sessions(user).exclude(response="declined")
    for attendee in sessions.filter(session__cancelled_at__isnull=True):
        session = attendee.session
        place = " · ".join(p for p in (str(session.venue), session.online_url) if p)
        lines += [
            "BEGIN:VEVENT",
            f"UID:session-{session.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"SEQUENCE:{session.sequence}",
            f"LAST-MODIFIED:{_utc(session.updated_at)}",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{_escape(session.title)}",
            f"DESCRIPTION:{_escape(session.description)}",
            f"LOCATION:{_escape(place)}",
            "END:VEVENT",
        ]
    for due in user_due_dates(user):
        day = due.milestone.due_date
        lines += [
            "BEGIN:VEVENT",
            f"UID:milestone-{due.milestone.pk}-film-{due.film.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(f'{due.film.title}: {due.milestone.name}')}",
            "END:VEVENT",
        ]
    lines += more_events
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
