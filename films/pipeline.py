"""The production pipeline of a film: which milestones are still locked behind earlier ones,
and the production stage its approvals have reached. The stage is derived here and stored on
the film only so lists and the public page read it without counting approvals."""

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.dispatch import Signal
from django.utils.translation import gettext as _

from core.public_cache import public_content_changed
from films.models import Film, MilestoneSubmission
from programs.models import MilestoneDefinition, ProductionStage

STAGE_ORDER = list(ProductionStage.values)

# Sent inside the review's transaction after a milestone's latest version was approved, or an
# approval reopened (`submission`, `approved`). The apps above films that follow the pipeline
# (grants: an instalment falls due) listen; films cannot import them.
milestone_decided = Signal()


def approved_milestone_ids(film: Film) -> set[int]:
    """The milestones whose latest version is approved."""
    newest = MilestoneSubmission.objects.filter(
        film=OuterRef("film"), milestone=OuterRef("milestone")
    ).order_by("-version")
    return set(
        film.submissions.filter(
            version=Subquery(newest.values("version")[:1]),
            status=MilestoneSubmission.Status.APPROVED,
        ).values_list("milestone_id", flat=True)
    )


def stage_for(approved: list[MilestoneDefinition]) -> str:
    """The furthest stage opened by any approved milestone; development when none opens one."""
    opened = [m.opens_stage for m in approved if m.opens_stage]
    if not opened:
        return ProductionStage.DEVELOPMENT
    return max(opened, key=STAGE_ORDER.index)


def missing_requirements(
    milestone: MilestoneDefinition, approved_ids: set[int]
) -> list[MilestoneDefinition]:
    """The milestones `milestone` requires that are not approved yet (uses a prefetch of
    `requires` when there is one)."""
    return [m for m in milestone.requires.all() if m.pk not in approved_ids]


def lock_reason(missing: list[MilestoneDefinition]) -> str:
    names = "、".join(str(m.name) for m in sorted(missing, key=lambda m: m.order))
    return _("Opens when these are approved: %(names)s.") % {"names": names}


def submission_check_open(*, film: Film, milestone: MilestoneDefinition) -> None:
    """Refuse a submission for a milestone whose required milestones are not all approved."""
    missing = missing_requirements(milestone, approved_milestone_ids(film))
    if missing:
        raise ValidationError(lock_reason(missing))


def film_stage_refresh(*, film: Film) -> str:
    """Store the stage the film's approvals have reached (called after every review and
    reopening). A plain UPDATE: the stage is derived, nothing else of the film changes."""
    approved = list(MilestoneDefinition.objects.filter(pk__in=approved_milestone_ids(film)))
    stage = stage_for(approved)
    if stage != film.stage:
        Film.objects.filter(pk=film.pk).update(stage=stage)
        film.stage = stage
        public_content_changed()  # an update sends no signal; the public page shows the stage
    return stage


def submission_decided(*, submission: MilestoneSubmission) -> None:
    """After a review or a reopening: the film's stage, and the apps that follow approvals."""
    film_stage_refresh(film=submission.film)
    approved = submission.status == MilestoneSubmission.Status.APPROVED
    milestone_decided.send(sender=MilestoneSubmission, submission=submission, approved=approved)
