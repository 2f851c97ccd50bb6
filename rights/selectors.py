"""Reads of licences: what covers a film for a medium over some days."""

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet

from rights.models import Licence


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
