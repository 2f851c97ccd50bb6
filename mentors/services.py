"""Writes of the mentors app."""

from django.db import transaction

from core.services import validated_save
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
