"""A person's accepted market meetings as iCalendar events (RFC 5545), for the personal
calendar feed the portal serves (its sessions and due dates come from training.feeds). Times in
UTC; the summary says with whom, the location the table and place."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from guests.models import Meeting
from guests.selectors import person_meetings


def meeting_event_lines(user) -> list[str]:
    """The VEVENT lines (already folded) of the person's accepted meetings."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    stamp = timezone.now()
    lines: list[str] = []
    for meeting in person_meetings(user):
        if meeting.status != Meeting.Status.ACCEPTED:
            continue
        lines += _event(meeting, host, stamp).to_ical().decode().splitlines()
    return lines


def _event(meeting: Meeting, host: str, stamp) -> Event:
    guest = meeting.accreditation
    event = Event()
    event.add("uid", f"market-meeting-{meeting.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    summary = _("Market meeting: %(film)s · %(guest)s (%(organisation)s)") % {
        "film": meeting.film.title,
        "guest": guest.user.full_name,
        "organisation": guest.organisation,
    }
    event.add("summary", summary)
    table = _("Table %(table)s") % {"table": meeting.table}
    event.add("location", " · ".join(p for p in (table, meeting.market_day.place) if p))
    return event
