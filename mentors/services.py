"""Writes of the mentors app."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from core.services import validated_save
from core.uploads import clean_image_upload, removed_if_failed
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
    replaced = mentor.photo.name
    mentor.photo.save(cleaned.name, cleaned, save=False)
    with removed_if_failed(mentor.photo), transaction.atomic():
        validated_save(
            mentor,
            photo_alt_zh=alt_zh or mentor.photo_alt_zh,
            photo_alt_en=alt_en or mentor.photo_alt_en,
        )
        storage = mentor.photo.storage
        if replaced:
            transaction.on_commit(lambda: storage.delete(replaced))
    return mentor
