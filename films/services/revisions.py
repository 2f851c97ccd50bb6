"""Public information changed by the director: at once before publication, by a revision
that staff approve after it."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import validated_save
from core.site import site_url
from core.uploads import (
    clean_image_upload,
    removed_if_failed,
)
from films.models import Film, FilmRevision
from films.services.films import credits_replace, film_event_emit, film_update, still_add
from films.services.posters import film_set_poster
from outbox.services import message_enqueue
from talents.models import PROFILE_CONSENT_FIELDS, Talent
from talents.services import talent_set_headshot, talent_update
from webhooks.models import Event


def film_change_public_info(*, film: Film, proposed_by, **fields) -> FilmRevision | None:
    """Returns the pending revision when the film is published, else None (applied)."""
    changed = _changed(film, fields)
    if not film.is_published:
        film_update(film=film, **changed)
        return None
    return _revision_propose(film, FilmRevision.Kind.FILM, proposed_by, changed)


def film_change_credits(*, film: Film, proposed_by, credits: list[dict]) -> FilmRevision | None:
    """`credits`: the whole new list, [{"id": 3 or None, "role", "name_original", "name_latin",
    "order"}, …]; credits not in it are removed."""
    if not film.is_published:
        credits_replace(film=film, credits=credits)
        return None
    return _revision_propose(film, FilmRevision.Kind.CREDITS, proposed_by, {"credits": credits})


def film_change_poster(
    *, film: Film, proposed_by, upload: UploadedFile, alt_zh: str = "", alt_en: str = ""
) -> FilmRevision | None:
    if not film.is_published:
        film_set_poster(film=film, upload=upload, alt_zh=alt_zh, alt_en=alt_en)
        return None
    return _image_revision(film, FilmRevision.Kind.POSTER, proposed_by, upload, alt_zh, alt_en)


def film_add_still(
    *, film: Film, proposed_by, upload: UploadedFile, alt_zh: str = "", alt_en: str = ""
) -> FilmRevision | None:
    if not film.is_published:
        still_add(film=film, upload=upload, alt_zh=alt_zh, alt_en=alt_en)
        return None
    return _image_revision(film, FilmRevision.Kind.STILL, proposed_by, upload, alt_zh, alt_en)


def director_change_profile(*, talent: Talent, proposed_by, **fields) -> FilmRevision | None:
    consent = {name: fields.pop(name) for name in PROFILE_CONSENT_FIELDS if name in fields}
    changed = _changed(talent, fields)
    published_film = talent.films.filter(is_published=True).order_by("pk").first()
    if published_film is None:
        talent_update(talent=talent, **consent, **changed)
        return None
    if consent:
        talent_update(talent=talent, **consent)
    return _revision_propose(published_film, FilmRevision.Kind.PROFILE, proposed_by, changed)


def director_change_headshot(
    *, talent: Talent, proposed_by, upload: UploadedFile, alt_zh: str = "", alt_en: str = ""
) -> FilmRevision | None:
    published_film = talent.films.filter(is_published=True).order_by("pk").first()
    if published_film is None:
        image = clean_image_upload(upload)
        talent_set_headshot(talent=talent, image=image, alt_zh=alt_zh, alt_en=alt_en)
        return None
    kind = FilmRevision.Kind.HEADSHOT
    return _image_revision(published_film, kind, proposed_by, upload, alt_zh, alt_en)


def _changed(instance, fields: dict) -> dict:
    return {name: value for name, value in fields.items() if getattr(instance, name) != value}


def _revision_propose(film: Film, kind: str, proposed_by, proposed: dict) -> FilmRevision | None:
    if not proposed:
        return None
    with transaction.atomic():
        revision = FilmRevision(film=film, kind=kind, proposed=proposed, proposed_by=proposed_by)
        return validated_save(revision)


def _image_revision(
    film: Film, kind: str, proposed_by, upload: UploadedFile, alt_zh: str, alt_en: str
) -> FilmRevision:
    cleaned = clean_image_upload(upload)
    revision = FilmRevision(
        film=film,
        kind=kind,
        proposed={"alt_zh": alt_zh, "alt_en": alt_en},
        proposed_by=proposed_by,
    )
    revision.image.save(cleaned.name, cleaned, save=False)
    with removed_if_failed(revision.image), transaction.atomic():
        return validated_save(revision)


def revision_approve(*, revision: FilmRevision, decided_by) -> FilmRevision:
    """Apply a pending revision to the public record."""
    with transaction.atomic():
        revision = FilmRevision.objects.select_for_update().get(pk=revision.pk)
        if revision.status != FilmRevision.Status.PENDING:
            raise ValidationError(_("This revision was already decided."))
        _revision_apply(revision)
        if revision.kind != FilmRevision.Kind.FILM and revision.film.is_published:
            # A film revision announces itself through film_update.
            film_event_emit(film=revision.film, event=Event.FILM_CHANGED)
        validated_save(
            revision,
            status=FilmRevision.Status.APPROVED,
            decided_by=decided_by,
            decided_at=timezone.now(),
        )
        _revision_decision_email(revision)
        return revision


def _revision_apply(revision: FilmRevision) -> None:
    film, proposed, kind = revision.film, revision.proposed, revision.kind
    alts = {"alt_zh": proposed.get("alt_zh", ""), "alt_en": proposed.get("alt_en", "")}
    if kind == FilmRevision.Kind.FILM:
        film_update(film=film, **proposed)
    elif kind == FilmRevision.Kind.CREDITS:
        credits_replace(film=film, credits=proposed["credits"])
    elif kind == FilmRevision.Kind.PROFILE:
        talent_update(talent=film.director, **proposed)
    else:
        image = _revision_image_copy(revision)
        if kind == FilmRevision.Kind.POSTER:
            film_set_poster(film=film, upload=image, **alts)
        elif kind == FilmRevision.Kind.STILL:
            still_add(film=film, upload=image, **alts)
        else:
            talent_set_headshot(talent=film.director, image=image, **alts)


def _revision_image_copy(revision: FilmRevision):
    with revision.image.open("rb") as handle:
        return SimpleUploadedFile(revision.image.name.rsplit("/", 1)[-1], handle.read())


@transaction.atomic
def revision_reject(*, revision: FilmRevision, decided_by, note: str = "") -> FilmRevision:
    revision = FilmRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != FilmRevision.Status.PENDING:
        raise ValidationError(_("This revision was already decided."))
    validated_save(
        revision,
        status=FilmRevision.Status.REJECTED,
        decided_by=decided_by,
        decided_at=timezone.now(),
        staff_note=note,
    )
    _revision_decision_email(revision)
    return revision


def _revision_decision_email(revision: FilmRevision) -> None:
    """The director hears of staff's decision on their change, in their language."""
    director = revision.film.director.user
    if director is None or not director.is_active:
        return
    path = reverse("portal:film", kwargs={"film_id": revision.film_id})
    message_enqueue(
        recipient=director.email,
        language=director.preferred_language,
        template="revision_decided",
        context={"revision": revision, "film": revision.film, "link": f"{site_url()}{path}"},
        cause=f"revision:{revision.pk}",
    )
