"""Erasure as the workspace runs it: the person everywhere below (privacy.services), then the
workspace's own change history, which names who made each change."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from films.models import MilestoneSubmission
from mentors.models import Mentor
from privacy.services import ERASED_NAME, MENTOR_ERASED, TALENT_ERASED, person_erase
from talents.models import Talent
from workspace.models import AuditEntry

# What a deliverable's history may hold of the person: their note and the file's name.
SUBMISSION_ERASED = ("note", "file", "original_filename")


@transaction.atomic
def person_erase_everywhere(
    *, talent: Talent | None = None, mentor: Mentor | None = None, by: User
) -> User | None:
    user = person_erase(talent=talent, mentor=mentor, by=by)
    if user is not None:
        AuditEntry.objects.filter(actor=user).update(actor_name=ERASED_NAME)
    _history_forget_profile(talent or mentor)
    if talent is not None:
        submissions = MilestoneSubmission.objects.filter(film__director=talent)
        _history_forget(
            AuditEntry.objects.filter(
                model_label=MilestoneSubmission._meta.label,
                object_pk__in=[str(pk) for pk in submissions.values_list("pk", flat=True)],
            ),
            SUBMISSION_ERASED,
        )
    return user


def _history_forget_profile(profile: Talent | Mentor) -> None:
    erased = TALENT_ERASED if isinstance(profile, Talent) else MENTOR_ERASED
    image = "headshot" if isinstance(profile, Talent) else "photo"
    entries = AuditEntry.objects.filter(model_label=profile._meta.label, object_pk=str(profile.pk))
    _history_forget(entries, (*erased, image))


def _history_forget(entries, fields) -> None:
    """The entries keep that a field changed, not what it held."""
    for entry in entries:
        kept = {
            name: [ERASED_NAME, ERASED_NAME] if name in fields else values
            for name, values in entry.changes.items()
        }
        if kept != entry.changes:
            AuditEntry.objects.filter(pk=entry.pk).update(changes=kept)
