"""Writes of the screenings app."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from core.services import validated_save
from films.models import Film
from films.publishing import screening_blockers
from programs.models import Cohort
from rights.models import Medium
from rights.services import licence_require
from screenings.models import Screening, ScreeningFilm, Venue


@transaction.atomic
def venue_create(*, slug: str, **fields) -> Venue:
    return validated_save(Venue(slug=slug), **fields)


@transaction.atomic
def screening_create(
    *, cohort: Cohort, slug: str, kind: str, starts_at: datetime, ends_at: datetime, **fields
) -> Screening:
    screening = Screening(cohort=cohort, slug=slug, kind=kind, starts_at=starts_at, ends_at=ends_at)
    return validated_save(screening, **fields)


@transaction.atomic
def screening_update(*, screening: Screening, **fields) -> Screening:
    return validated_save(screening, **fields)


@transaction.atomic
def screening_add_film(
    *, screening: Screening, film: Film, order: int | None = None, **fields
) -> ScreeningFilm:
    blockers = screening_blockers(film)
    if blockers:
        raise ValidationError(blockers)
    if order is None:
        order = screening.entries.count() + 1
    entry = validated_save(ScreeningFilm(screening=screening, film=film, order=order), **fields)
    _check_licence(entry)
    return entry


@transaction.atomic
def venue_update(*, venue: Venue, **fields) -> Venue:
    return validated_save(venue, **fields)


@transaction.atomic
def screening_entry_update(*, entry: ScreeningFilm, **fields) -> ScreeningFilm:
    """Change a film's place in the lineup or its online window."""
    entry = validated_save(entry, **fields)
    _check_licence(entry)
    return entry


def _check_licence(entry: ScreeningFilm) -> None:
    """An online exhibition shows a film only inside a streaming licence (rights)."""
    screening = entry.screening
    if screening.is_online:
        licence_require(
            film=entry.film,
            medium=Medium.STREAMING,
            starts=entry.available_from or screening.starts_at,
            ends=entry.available_until or screening.ends_at,
        )


@transaction.atomic
def screening_entry_remove(*, entry: ScreeningFilm) -> None:
    entry.delete()
