"""The difference a director's proposed change would make to a published film: each field's
public value now beside the proposed one, for staff deciding on it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from films.models import Credit, Film, FilmRevision


@dataclass
class FieldChange:
    label: str
    current: str
    proposed: str
    current_image: str = ""
    proposed_image: str = ""

    @property
    def is_changed(self) -> bool:
        return self.current != self.proposed or self.current_image != self.proposed_image


def revision_changes(revision: FilmRevision) -> list[FieldChange]:
    film, proposed = revision.film, revision.proposed
    if revision.kind == FilmRevision.Kind.FILM:
        return _field_changes(film, proposed)
    if revision.kind == FilmRevision.Kind.PROFILE:
        return _field_changes(film.director, proposed)
    if revision.kind == FilmRevision.Kind.CREDITS:
        current = "\n".join(_credit_line(c.role, c.display_name) for c in film.credits.all())
        lines = [_credit_line(c.get("role", ""), _credit_name(c)) for c in proposed["credits"]]
        return [FieldChange(_("Credits"), current, "\n".join(lines))]
    return _image_changes(revision, film)


def _field_changes(instance, proposed: dict) -> list[FieldChange]:
    meta = instance._meta
    return [
        FieldChange(
            str(meta.get_field(name).verbose_name),
            _text(getattr(instance, name, "")),
            _text(value),
        )
        for name, value in proposed.items()
    ]


def _image_changes(revision: FilmRevision, film: Film) -> list[FieldChange]:
    current_image, current_zh, current_en = "", "", ""
    if revision.kind == FilmRevision.Kind.POSTER and film.poster:
        current_image, current_zh, current_en = (
            film.poster.url,
            film.poster_alt_zh,
            film.poster_alt_en,
        )
    elif revision.kind == FilmRevision.Kind.HEADSHOT and film.director.headshot:
        director = film.director
        current_image = director.headshot.url
        current_zh, current_en = director.headshot_alt_zh, director.headshot_alt_en
    proposed = revision.proposed
    return [
        FieldChange(
            revision.get_kind_display(),
            "",
            "",
            current_image=current_image,
            proposed_image=revision.image.url if revision.image else "",
        ),
        FieldChange(_("Alt text (Chinese)"), current_zh, proposed.get("alt_zh", "")),
        FieldChange(_("Alt text (English)"), current_en, proposed.get("alt_en", "")),
    ]


def _credit_line(role: str, name: str) -> str:
    label = dict(Credit.Role.choices).get(role, role)
    return f"{label}: {name}"


def _credit_name(credit: dict) -> str:
    original, latin = credit.get("name_original", ""), credit.get("name_latin", "")
    return f"{original} {latin}".strip() if original != latin else original


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return str(value)
