"""Writes of the mentors app."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from core.services import image_replace, validated_save
from core.uploads import clean_image_upload
from mentors.models import Mentor, PanelMembership
from programs.models import Cohort


@transaction.atomic
def mentor_create(*, slug: str, **fields) -> Mentor:
    return validated_save(Mentor(slug=slug), **fields)


@transaction.atomic
def mentor_update(*, mentor: Mentor, **fields) -> Mentor:
    return validated_save(mentor, **fields)


@transaction.atomic
def panel_member_add(
    *, cohort: Cohort, mentor: Mentor, role: str, order: int = 0
) -> PanelMembership:
    return validated_save(PanelMembership(cohort=cohort, mentor=mentor, role=role, order=order))


@transaction.atomic
def mentor_link_user(*, mentor: Mentor, user) -> Mentor:
    """Give the mentor their login (from an accepted invitation)."""
    return validated_save(mentor, user=user)


@transaction.atomic
def panel_member_remove(*, membership: PanelMembership) -> None:
    membership.delete()


@transaction.atomic
def mentor_change_profile(*, mentor: Mentor, **fields) -> Mentor:
    """A mentor's own edit: applies at once (mentor pages are not tied to a film's publication)."""
    return validated_save(mentor, **fields)


def mentor_set_photo(
    *, mentor: Mentor, upload: UploadedFile, alt_zh: str = "", alt_en: str = ""
) -> Mentor:
    """Check and re-encode the photo (core.uploads), store it, drop the one it replaces."""
    cleaned = clean_image_upload(upload)
    return image_replace(mentor, field="photo", image=cleaned, alt_zh=alt_zh, alt_en=alt_en)
