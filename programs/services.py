"""Writes of the programs app. Keyword-only, validated, atomic."""

from datetime import date

from django.db import transaction

from core.services import validated_save
from programs.models import Cohort, CohortPartner, MilestoneDefinition, Partner, Program


@transaction.atomic
def program_create(*, slug: str, **fields) -> Program:
    return validated_save(Program(slug=slug), **fields)


@transaction.atomic
def cohort_create(
    *, program: Program, slug: str, year: int, training_start: date, training_end: date, **fields
) -> Cohort:
    cohort = Cohort(
        program=program,
        slug=slug,
        year=year,
        training_start=training_start,
        training_end=training_end,
    )
    return validated_save(cohort, **fields)


@transaction.atomic
def cohort_update(*, cohort: Cohort, **fields) -> Cohort:
    return validated_save(cohort, **fields)


@transaction.atomic
def milestone_add(*, cohort: Cohort, order: int, due_date: date, **fields) -> MilestoneDefinition:
    milestone = MilestoneDefinition(cohort=cohort, order=order, due_date=due_date)
    return validated_save(milestone, **fields)


@transaction.atomic
def partner_create(*, slug: str, service_category: str, **fields) -> Partner:
    return validated_save(Partner(slug=slug, service_category=service_category), **fields)


@transaction.atomic
def cohort_partner_add(*, cohort: Cohort, partner: Partner, **fields) -> CohortPartner:
    return validated_save(CohortPartner(cohort=cohort, partner=partner), **fields)
