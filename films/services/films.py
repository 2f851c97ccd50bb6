"""Writes of a film's own record: the film, its credits and stills, publication."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.services import validated_save
from core.uploads import (
    clean_image_upload,
    removed_if_failed,
)
from films.models import Credit, Film, Still
from films.publishing import publishing_blockers
from mentors.models import Mentor
from programs.models import Cohort
from talents.models import Talent
from webhooks.models import Event
from webhooks.services import webhook_event_emit


@transaction.atomic
def film_create(
    *, cohort: Cohort, director: Talent, slug: str, producer: Mentor | None = None, **fields
) -> Film:
    film = Film(cohort=cohort, director=director, slug=slug, producer=producer)
    return validated_save(film, **fields)


@transaction.atomic
def film_update(*, film: Film, **fields) -> Film:
    # Read from the database: a model form may already have changed the instance.
    was_published = Film.objects.filter(pk=film.pk, is_published=True).exists()
    film = validated_save(film, **fields)
    if was_published and film.is_published:
        film_event_emit(film=film, event=Event.FILM_CHANGED)
    return film


def film_event_emit(*, film: Film, event: str) -> None:
    """Tell the webhook endpoints (webhooks.services), in the caller's transaction."""
    webhook_event_emit(
        event=event,
        data={
            "film": {
                "id": film.pk,
                "edition": film.cohort.slug,
                "slug": film.slug,
                "title": {"zh": film.title_zh, "en": film.title_en},
            }
        },
    )


@transaction.atomic
def credit_add(*, film: Film, role: str, order: int = 0, **fields) -> Credit:
    return validated_save(Credit(film=film, role=role, order=order), **fields)


def still_add(
    *, film: Film, upload: UploadedFile, alt_zh: str = "", alt_en: str = "", order: int = 0
) -> Still:
    still = Still(film=film, alt_zh=alt_zh, alt_en=alt_en, order=order)
    cleaned = clean_image_upload(upload)
    still.image.save(cleaned.name, cleaned, save=False)
    with removed_if_failed(still.image), transaction.atomic():
        return validated_save(still)


@transaction.atomic
def film_publish(*, film: Film) -> Film:
    """Put the film on the public site; refused while anything in films.publishing is missing."""
    blockers = publishing_blockers(film)
    if blockers:
        raise ValidationError(blockers)
    was_published = Film.objects.filter(pk=film.pk, is_published=True).exists()
    film = validated_save(film, is_published=True, published_at=film.published_at or timezone.now())
    if not was_published:
        film_event_emit(film=film, event=Event.FILM_PUBLISHED)
    return film


@transaction.atomic
def film_unpublish(*, film: Film) -> Film:
    return validated_save(film, is_published=False)


@transaction.atomic
def credits_replace(*, film: Film, credits: list[dict]) -> None:
    kept = {item["id"] for item in credits if item.get("id")}
    film.credits.exclude(pk__in=kept).delete()
    existing = {credit.pk: credit for credit in film.credits.all()}
    for item in credits:
        fields = {key: value for key, value in item.items() if key != "id"}
        credit = existing.get(item.get("id")) or Credit(film=film)
        validated_save(credit, **fields)
