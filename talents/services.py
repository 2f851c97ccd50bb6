"""Writes of the talents app."""

import itertools

from django.core.files import File
from django.db import transaction
from django.utils.text import slugify

from core.services import image_replace, validated_save
from programs.models import Cohort
from talents.models import Enrollment, Talent


@transaction.atomic
def talent_create(*, slug: str, **fields) -> Talent:
    return validated_save(Talent(slug=slug), **fields)


@transaction.atomic
def talent_update(*, talent: Talent, **fields) -> Talent:
    return validated_save(talent, **fields)


@transaction.atomic
def enrollment_create(*, talent: Talent, cohort: Cohort, **fields) -> Enrollment:
    return validated_save(Enrollment(talent=talent, cohort=cohort), **fields)


@transaction.atomic
def enrollment_create_with_new_talent(
    *, cohort: Cohort, name_original: str, name_latin: str, email: str = "", **fields
) -> Enrollment:
    """Enrol a director who is not in the system yet: the talent is created with a slug made
    from their name (numbered when taken) and enrolled in one transaction."""
    talent = talent_create(
        slug=talent_free_slug(name_latin or name_original),
        name_original=name_original,
        name_latin=name_latin,
        email=email,
    )
    return enrollment_create(talent=talent, cohort=cohort, **fields)


def talent_free_slug(name: str) -> str:
    base = slugify(name)[:40] or "talent"
    taken = set(Talent.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in itertools.count(2) if f"{base}-{n}" not in taken)


@transaction.atomic
def enrollment_set_status(*, enrollment: Enrollment, status: str) -> Enrollment:
    return validated_save(enrollment, status=status)


@transaction.atomic
def talent_link_user(*, talent: Talent, user) -> Talent:
    """Give the talent their login (from an accepted invitation)."""
    return validated_save(talent, user=user)


def talent_set_headshot(
    *, talent: Talent, image: File, alt_zh: str = "", alt_en: str = ""
) -> Talent:
    """Store an already checked and re-encoded headshot (core.uploads.clean_image_upload)."""
    return image_replace(talent, field="headshot", image=image, alt_zh=alt_zh, alt_en=alt_en)
