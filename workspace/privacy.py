"""Erasure as the workspace runs it: the person everywhere below (privacy.services), then the
workspace's own change history, which names who made each change and the files a profile held:
a headshot or photo replaced through the admin before it deleted replaced images is found there
and deleted too."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from films.models import FilmRevision, MilestoneSubmission
from mentors.models import Mentor
from privacy.services import (
    ERASED_NAME,
    MENTOR_ERASED,
    TALENT_ERASED,
    erased_revisions,
    erased_submissions,
    person_erase,
)
from talents.models import Talent
from workspace.models import AuditEntry

# What a deliverable's history may hold of the person: their note and the file's name.
SUBMISSION_ERASED = ("note", "file", "original_filename")
# What a revision's history may hold: the proposed profile or alt texts, the uploaded image.
REVISION_ERASED = ("proposed", "image")


@transaction.atomic
def person_erase_everywhere(
    *, talent: Talent | None = None, mentor: Mentor | None = None, by: User
) -> User | None:
    profile = talent or mentor
    user = profile.user
    submissions = list(erased_submissions(talent, user).values_list("pk", flat=True))
    revisions = list(erased_revisions(talent, user).values_list("pk", flat=True))
    erased_user = person_erase(talent=talent, mentor=mentor, by=by)
    if erased_user is not None:
        AuditEntry.objects.filter(actor=erased_user).update(actor_name=ERASED_NAME)
    _history_forget_profile(profile)
    _history_forget(_entries(MilestoneSubmission, submissions), SUBMISSION_ERASED)
    _history_forget(_entries(FilmRevision, revisions), REVISION_ERASED)
    return erased_user


def _entries(model, pks: list[int]):
    # object_pk is text: Django's CharField turns each number into it.
    return AuditEntry.objects.filter(model_label=model._meta.label, object_pk__in=pks)


def _history_forget_profile(profile: Talent | Mentor) -> None:
    erased = TALENT_ERASED if isinstance(profile, Talent) else MENTOR_ERASED
    image = "headshot" if isinstance(profile, Talent) else "photo"
    entries = AuditEntry.objects.filter(model_label=profile._meta.label, object_pk=profile.pk)
    _images_delete(profile, image, entries)
    _history_forget(entries, (*erased, image))


def _images_delete(profile: Talent | Mentor, image: str, entries) -> None:
    """Every image the history says the profile held, deleted once the erasure commits. Only
    names in the field's own folder: the history is data, not a list of paths to trust."""
    field = profile._meta.get_field(image)
    names = {
        name
        for entry in entries
        for name in entry.changes.get(image) or ()
        if isinstance(name, str) and name.startswith(field.upload_to) and ".." not in name
    }
    transaction.on_commit(lambda: [field.storage.delete(name) for name in sorted(names)])


def _history_forget(entries, fields) -> None:
    """The entries keep that a field changed, not what it held."""
    for entry in entries:
        kept = {
            name: [ERASED_NAME, ERASED_NAME] if name in fields else values
            for name, values in entry.changes.items()
        }
        if kept != entry.changes:
            AuditEntry.objects.filter(pk=entry.pk).update(changes=kept)
