"""iCalendar (RFC 5545) for screenings: one VEVENT per screening, times in the festival's zone
with its VTIMEZONE block, so that calendar apps show the right hour wherever the visitor is."""

from collections.abc import Callable, Iterable
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from screenings.models import Screening

PRODUCT_ID = "-//BJIFF TALENTS//Screenings//EN"


def screenings_calendar(
    screenings: Iterable[Screening],
    *,
    absolute_url: Callable[[str], str],
    name: str,
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _one_line(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    uid_domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    for screening in screenings:
        calendar.add_component(_event(screening, absolute_url, uid_domain, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(
    screening: Screening, absolute_url: Callable[[str], str], uid_domain: str, stamp: datetime
) -> Event:
    zone = ZoneInfo(settings.TIME_ZONE)
    url = absolute_url(screening.get_absolute_url())
    event = Event()
    # Stable across downloads and languages, so that a re-import updates instead of duplicating.
    event.add("uid", f"screening-{screening.pk}@{uid_domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", screening.starts_at.astimezone(zone))
    event.add("dtend", screening.ends_at.astimezone(zone))
    # One-line properties: a line break typed into a title or an address is a space here.
    event.add("summary", _one_line(str(screening.title)))
    event.add("location", _one_line(_location(screening)))
    event.add("url", url)
    event.add("description", _description(screening, url))
    return event


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _location(screening: Screening) -> str:
    if screening.venue_id is None:
        return screening.platform_url
    return ", ".join(part for part in (screening.venue.name, screening.venue.address) if part)


def _description(screening: Screening, url: str) -> str:
    lines = [str(screening.description)] if screening.description else []
    films = [f"{entry.film.title} ({entry.film.director})" for entry in screening.public_entries]
    if films:
        lines.extend(["", _("Films:"), *films])
    if screening.is_online:
        lines.extend(["", _("Watch online: %(url)s") % {"url": screening.platform_url}])
    lines.extend(["", url])
    return "\n".join(lines).strip()
