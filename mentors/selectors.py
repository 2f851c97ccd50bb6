"""Reads of the mentors app: the coaching panels of public cohorts."""

from django.db.models import Q, QuerySet

from mentors.models import Mentor, PanelMembership
from programs.models import Cohort
from programs.selectors import PUBLIC_COHORT_STATUSES


def panel_for_cohort(cohort: Cohort) -> QuerySet[PanelMembership]:
    return (
        PanelMembership.objects.filter(cohort=cohort)
        .select_related("mentor")
        .order_by("order", "id")
    )


# A seat reviews when its cohort lets its role review (Cohort.panel_*_review[s]).
REVIEWING_SEAT = (
    Q(role=PanelMembership.Role.SUPERVISOR, cohort__panel_supervisor_reviews=True)
    | Q(role=PanelMembership.Role.INSTRUCTOR, cohort__panel_instructors_review=True)
    | Q(role=PanelMembership.Role.CURATOR, cohort__panel_curator_reviews=True)
)


def reviewing_panel_seats(**filters) -> QuerySet[PanelMembership]:
    """The panel seats that review and approve milestones (and hear of submissions)."""
    return PanelMembership.objects.filter(REVIEWING_SEAT, **filters)


def panel_seats_public_all() -> QuerySet[PanelMembership]:
    return PanelMembership.objects.filter(cohort__status__in=PUBLIC_COHORT_STATUSES)


def panel_seats_public(mentor: Mentor) -> QuerySet[PanelMembership]:
    return (
        panel_seats_public_all()
        .filter(mentor=mentor)
        .select_related("cohort")
        .order_by("-cohort__year", "cohort__slug")
    )


def mentor_consented_fields(mentor: Mentor) -> frozenset[str]:
    """The fields the mentor agreed to publish, as the public mentor page shows them (name,
    title, company and bio are always public)."""
    consent = {"photo": mentor.publish_photo and bool(mentor.photo), "links": mentor.publish_links}
    return frozenset(name for name, given in consent.items() if given)
