"""Reads of the screenings app for the public site: published screenings of public cohorts,
each with only its public films, in running order."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from films.models import Film
from films.selectors import films_public
from programs.models import Cohort
from programs.selectors import PUBLIC_COHORT_STATUSES
from rights.models import Medium
from rights.selectors import films_with_active_licence, window_days
from screenings.models import Screening, ScreeningFilm


@dataclass(frozen=True)
class WatchWindow:
    """A film can be watched online now, on this platform, until then."""

    platform_name: str
    url: str
    until: datetime


def screenings_public() -> QuerySet[Screening]:
    return (
        Screening.objects.filter(is_published=True, cohort__status__in=PUBLIC_COHORT_STATUSES)
        .select_related("cohort", "venue")
        .order_by("starts_at", "id")
    )


def entries_public() -> QuerySet[ScreeningFilm]:
    return (
        ScreeningFilm.objects.filter(film__in=films_public().values("pk"))
        .select_related("film__cohort", "film__director")
        .order_by("order", "id")
    )


def screenings_with_films() -> QuerySet[Screening]:
    return screenings_public().prefetch_related(
        Prefetch("entries", queryset=entries_public(), to_attr="public_entries")
    )


# The public calendar feed is a subscription: calendar apps fetch it again and again, so it holds
# what a subscriber can still act on (upcoming screenings and the past year's, for reference),
# not every screening since the first edition. The archive stays on the screening pages and their
# one-event downloads. Without the window the feed grew with the archive: 49 screenings took
# 0.8 s and 507 took 9.4 s on the benchmark machine (bench/flat_costs.py).
CALENDAR_FEED_PAST = timedelta(days=365)


def screenings_for_feed(*, now: datetime) -> QuerySet[Screening]:
    return screenings_with_films().filter(ends_at__gte=now - CALENDAR_FEED_PAST)


def screenings_upcoming(*, now: datetime, limit: int) -> list[Screening]:
    return list(screenings_public().filter(ends_at__gt=now)[:limit])


def screenings_for_cohort(cohort: Cohort) -> QuerySet[Screening]:
    return screenings_public().filter(cohort=cohort)


def screening_public_get(*, cohort_slug: str, slug: str) -> Screening | None:
    return screenings_with_films().filter(cohort__slug=cohort_slug, slug=slug).first()


def entries_for_film(film: Film) -> QuerySet[ScreeningFilm]:
    """The public screenings a film is part of, with what is needed to tell if it is
    watchable online now."""
    return (
        ScreeningFilm.objects.filter(film=film, screening__in=screenings_public().values("pk"))
        .select_related("screening__cohort", "screening__venue")
        .order_by("screening__starts_at", "screening__id")
    )


def watch_windows(entries: list[ScreeningFilm], *, now: datetime) -> list[WatchWindow]:
    """Where a film can be watched now: inside its online window and an active streaming
    licence (rights), so a lapsed licence takes the link down by itself."""
    open_now = [entry for entry in entries if entry.is_watchable(now)]
    if not open_now:
        return []
    licensed = films_with_active_licence(
        [entry.film_id for entry in open_now],
        medium=Medium.STREAMING,
        day=timezone.localtime(now).date(),
    )
    return [
        WatchWindow(
            platform_name=entry.screening.platform_name,
            url=entry.watch_url or entry.screening.platform_url,
            until=entry.available_until or entry.screening.ends_at,
        )
        for entry in open_now
        if entry.film_id in licensed
    ]


def online_entries_outside_licence(*, now: datetime) -> list[ScreeningFilm]:
    """Films in an online exhibition not yet over that no streaming licence covers any more (a
    licence shortened or replaced after the film was put in): the licences page warns of them."""
    entries = (
        ScreeningFilm.objects.filter(screening__kind=Screening.Kind.ONLINE)
        .select_related("screening__cohort", "film")
        .prefetch_related("film__licences")
        .order_by("screening__starts_at", "order")
    )
    outside = []
    for entry in entries:
        starts = entry.available_from or entry.screening.starts_at
        ends = entry.available_until or entry.screening.ends_at
        first, last = window_days(starts, ends)
        licences = entry.film.licences.all()
        if ends > now and not any(lic.covers(Medium.STREAMING, first, last) for lic in licences):
            outside.append(entry)
    return outside
