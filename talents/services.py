"""Writes of the talents app."""

from django.core.files import File
from django.db import transaction

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
