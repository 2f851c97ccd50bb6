"""Writes of the screenings app."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import validated_save
from films.models import Film
from films.publishing import screening_blockers
from programs.models import Cohort
from rights.models import Medium
from rights.services import licence_require
from screenings.models import Screening, ScreeningFilm, Venue
from webhooks.models import Event
from webhooks.services import webhook_event_emit


@transaction.atomic
def venue_create(*, slug: str, **fields) -> Venue:
    return validated_save(Venue(slug=slug), **fields)


@transaction.atomic
def screening_create(
    *, cohort: Cohort, slug: str, kind: str, starts_at: datetime, ends_at: datetime, **fields
) -> Screening:
    screening = Screening(cohort=cohort, slug=slug, kind=kind, starts_at=starts_at, ends_at=ends_at)
    screening = validated_save(screening, **fields)
    if screening.is_published:
        _screening_published(screening)
    return screening


@transaction.atomic
def screening_update(*, screening: Screening, **fields) -> Screening:
    """Publishing is what the milestone gates block: a screening goes public only when every
    film of its lineup has its screening milestones approved."""
    # The instance may already carry the form's values: whether it was public is in the row.
    was_published = Screening.objects.filter(pk=screening.pk, is_published=True).exists()
    if fields.get("is_published") and not was_published:
        blockers = screening_publication_blockers(screening)
        if blockers:
            raise ValidationError({"is_published": blockers})
    screening = validated_save(screening, **fields)
    if screening.is_published and not was_published:
        _screening_published(screening)
    return screening


def _screening_published(screening: Screening) -> None:
    webhook_event_emit(
        event=Event.SCREENING_PUBLISHED,
        data={
            "screening": {
                "id": screening.pk,
                "edition": screening.cohort.slug,
                "slug": screening.slug,
                "starts_at": screening.starts_at,
            }
        },
    )


def screening_publication_blockers(screening: Screening) -> list[str]:
    """What stands between the screening and the public, film by film; empty when nothing."""
    entries = screening.entries.select_related("film").order_by("order", "id")
    return [
        _("%(film)s — %(blocker)s") % {"film": entry.film.title, "blocker": blocker}
        for entry in entries
        for blocker in screening_blockers(entry.film)
    ]


@transaction.atomic
def screening_add_film(
    *, screening: Screening, film: Film, order: int | None = None, **fields
) -> ScreeningFilm:
    # A lineup is planned before the films are delivered; a published one is already public.
    blockers = screening_blockers(film) if screening.is_published else []
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
