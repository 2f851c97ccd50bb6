"""Reads of licences: what covers a film for a medium over some days."""

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from rights.models import Licence


def window_days(
    starts: datetime.datetime, ends: datetime.datetime
) -> tuple[datetime.date, datetime.date]:
    """The festival-zone days a window [starts, ends) touches: what a licence must cover."""
    first_day = timezone.localtime(starts).date()
    last_day = timezone.localtime(ends - datetime.timedelta(microseconds=1)).date()
    return first_day, last_day


def licences_covering(
    films: Iterable[int], *, medium: str, first_day: datetime.date, last_day: datetime.date
) -> QuerySet[Licence]:
    return Licence.objects.filter(
        film_id__in=list(films),
        starts_on__lte=first_day,
        ends_on__gte=last_day,
        **{f"covers_{medium}": True},
    )


def films_with_active_licence(films: Iterable[int], *, medium: str, day: datetime.date) -> set:
    """Of these films, the ids with a licence for `medium` on `day` (one query)."""
    covering = licences_covering(films, medium=medium, first_day=day, last_day=day)
    return set(covering.values_list("film_id", flat=True))


def licences_ending(*, on: datetime.date) -> QuerySet[Licence]:
    return Licence.objects.filter(ends_on=on).select_related("film__cohort")


def licences_all() -> QuerySet[Licence]:
    return Licence.objects.select_related("film__cohort", "film__director").order_by(
        "ends_on", "film__title_en", "id"
    )


def licence_state(licence: Licence, *, today: datetime.date, warning_days: int) -> str:
    """upcoming, active, ending (within `warning_days`), or ended, on the festival's `today`."""
    if licence.ends_on < today:
        return "ended"
    if licence.starts_on > today:
        return "upcoming"
    if (licence.ends_on - today).days <= warning_days:
        return "ending"
    return "active"


def licence_conflicts(licences: Iterable[Licence]) -> list[tuple[Licence, Licence]]:
    """Pairs of licences of one film that cannot both hold: they overlap in time, share a medium
    and a territory, go to different licensees, and at least one is exclusive."""
    by_film: dict[int, list[Licence]] = {}
    for licence in licences:
        by_film.setdefault(licence.film_id, []).append(licence)
    conflicts = []
    for same_film in by_film.values():
        for index, first in enumerate(same_film):
            conflicts += [
                (first, second) for second in same_film[index + 1 :] if _clash(first, second)
            ]
    return conflicts


MEDIA = ("streaming", "festival", "broadcast")


def _clash(first: Licence, second: Licence) -> bool:
    return (
        (first.is_exclusive or second.is_exclusive)
        and first.licensee.strip().casefold() != second.licensee.strip().casefold()
        and first.territory.strip().casefold() == second.territory.strip().casefold()
        and first.starts_on <= second.ends_on
        and second.starts_on <= first.ends_on
        and any(getattr(first, f"covers_{m}") and getattr(second, f"covers_{m}") for m in MEDIA)
    )
