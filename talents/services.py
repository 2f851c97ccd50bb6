"""Writes of the talents app."""

from django.db import transaction

from core.services import validated_save
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
