"""Erasure as the workspace runs it: the person everywhere below (privacy.services), then the
workspace's own change history, which names who made each change."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from mentors.models import Mentor
from privacy.services import ERASED_NAME, person_erase
from talents.models import Talent
from workspace.models import AuditEntry


@transaction.atomic
def person_erase_everywhere(
    *, talent: Talent | None = None, mentor: Mentor | None = None, by: User
) -> User | None:
    user = person_erase(talent=talent, mentor=mentor, by=by)
    if user is not None:
        AuditEntry.objects.filter(actor=user).update(actor_name=ERASED_NAME)
    return user
