"""Writes of the programs app. Keyword-only, validated, atomic."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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
def milestone_add(
    *, cohort: Cohort, order: int, due_date: date, requires=(), **fields
) -> MilestoneDefinition:
    milestone = MilestoneDefinition(cohort=cohort, order=order, due_date=due_date)
    validated_save(milestone, **fields)
    _milestone_set_requires(milestone, requires)
    return milestone


def _milestone_set_requires(milestone: MilestoneDefinition, requires) -> None:
    """Only earlier milestones of the same cohort: a later or foreign one could never open."""
    required = list(requires)
    wrong = [
        str(m.name)
        for m in required
        if m.cohort_id != milestone.cohort_id or m.order >= milestone.order
    ]
    if wrong:
        raise ValidationError(
            {
                "requires": _("Only earlier milestones of this cohort can be required: %(names)s.")
                % {"names": ", ".join(wrong)}
            }
        )
    milestone.requires.set(required)


@transaction.atomic
def partner_create(*, slug: str, service_category: str, **fields) -> Partner:
    return validated_save(Partner(slug=slug, service_category=service_category), **fields)


@transaction.atomic
def cohort_partner_add(*, cohort: Cohort, partner: Partner, **fields) -> CohortPartner:
    return validated_save(CohortPartner(cohort=cohort, partner=partner), **fields)


@transaction.atomic
def partner_update(*, partner: Partner, **fields) -> Partner:
    return validated_save(partner, **fields)


@transaction.atomic
def milestone_schedule_copy(
    *, source: Cohort, target: Cohort, shift_days: int
) -> list[MilestoneDefinition]:
    """Give `target` the milestone schedule of `source`, every due date moved by `shift_days`.
    Only into an empty schedule: merging two schedules would leave orders and gates ambiguous."""
    if source.pk == target.pk:
        raise ValidationError(_("Choose an earlier cohort to copy from, not this one."))
    if target.milestones.exists():
        raise ValidationError(_("This cohort already has a milestone schedule."))
    copied = []
    for milestone in source.milestones.order_by("order"):
        fields = {name: getattr(milestone, name) for name in _MILESTONE_COPIED_FIELDS}
        copied.append(
            milestone_add(
                cohort=target,
                order=milestone.order,
                due_date=milestone.due_date + timedelta(days=shift_days),
                **fields,
            )
        )
    by_order = {milestone.order: milestone for milestone in copied}
    for milestone in source.milestones.prefetch_related("requires"):
        by_order[milestone.order].requires.set(
            [by_order[required.order] for required in milestone.requires.all()]
        )
    return copied


_MILESTONE_COPIED_FIELDS = (
    "name_zh",
    "name_en",
    "description_zh",
    "description_en",
    "deliverable_kind",
    "is_required",
    "gates_publishing",
    "gates_screening",
    "opens_stage",
    "max_upload_bytes",
    "spec_video_codecs",
    "spec_min_width",
    "spec_min_height",
    "spec_frame_rates",
    "spec_audio_channels",
    "spec_max_seconds",
    "spec_loudness_lufs",
    "spec_loudness_tolerance",
)


@transaction.atomic
def milestone_update(
    *, milestone: MilestoneDefinition, requires=None, **fields
) -> MilestoneDefinition:
    validated_save(milestone, **fields)
    # A milestone moved before one it required (or after one requiring it) keeps no loop.
    current = milestone.requires.all() if requires is None else requires
    _milestone_set_requires(milestone, current)
    for later in milestone.required_by.filter(order__lte=milestone.order):
        later.requires.remove(milestone)
    return milestone


@transaction.atomic
def milestone_remove(*, milestone: MilestoneDefinition) -> None:
    """Only a milestone nothing was delivered for: submissions are the program's record."""
    if milestone.submissions.exists():
        raise ValidationError(
            _("Films have delivered this milestone already; edit it instead of removing it.")
        )
    milestone.delete()


@transaction.atomic
def cohort_partner_remove(*, partnership: CohortPartner) -> None:
    partnership.delete()
