"""What stands between a film and the public: the rules staff meet when they publish a film or
place it in a screening. Each rule answers with a sentence that says exactly what is missing, so
the workspace form can show it as is; `film_publish` and `screening_add_film` refuse while any
remain."""

from django.utils.translation import gettext as _

from films.models import Film, MilestoneSubmission
from programs.models import MilestoneDefinition


def publishing_blockers(film: Film) -> list[str]:
    """Why the film cannot be published yet; empty when it can."""
    blockers = [
        message
        for missing, message in (
            (not film.title_zh, _("Add the Chinese title.")),
            (not film.title_en, _("Add the English title.")),
            (not (film.logline_zh or film.logline_en), _("Add a logline.")),
            (not film.poster, _("Add a poster.")),
            (not film.poster_alt_zh, _("Describe the poster in Chinese (alt text).")),
            (not film.poster_alt_en, _("Describe the poster in English (alt text).")),
        )
        if missing
    ]
    return blockers + _milestone_blockers(film, gates_publishing=True)


def screening_blockers(film: Film) -> list[str]:
    """Why the film cannot be placed in a screening yet; empty when it can."""
    return _milestone_blockers(film, gates_screening=True)


def unapproved_gating_milestones(film: Film, **gate: bool) -> list[MilestoneDefinition]:
    approved = MilestoneSubmission.objects.filter(
        film_id=film.pk, status=MilestoneSubmission.Status.APPROVED
    ).values("milestone_id")
    gating = MilestoneDefinition.objects.filter(cohort_id=film.cohort_id, **gate)
    return list(gating.exclude(pk__in=approved).order_by("order"))


def _milestone_blockers(film: Film, **gate: bool) -> list[str]:
    return [
        _("The milestone “%(milestone)s” is not approved yet.") % {"milestone": milestone}
        for milestone in unapproved_gating_milestones(film, **gate)
    ]
