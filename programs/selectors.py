"""Reads of the programs app that public pages share. A cohort in planning is not public yet."""

from django.db.models import QuerySet

from programs.models import Cohort, CohortPartner

PUBLIC_COHORT_STATUSES = (
    Cohort.Status.TRAINING,
    Cohort.Status.PREMIERED,
    Cohort.Status.ARCHIVED,
)


def cohorts_public() -> QuerySet[Cohort]:
    return (
        Cohort.objects.filter(status__in=PUBLIC_COHORT_STATUSES)
        .select_related("program")
        .order_by("-year", "-training_start", "slug")
    )


def cohort_current() -> Cohort | None:
    """The edition the home page presents: the newest one that is no longer in planning."""
    return cohorts_public().first()


def cohort_in_training() -> Cohort | None:
    """The newest edition whose directors are making their films now."""
    return cohorts_public().filter(status=Cohort.Status.TRAINING).first()


def partnerships_for_cohort(cohort: Cohort) -> QuerySet[CohortPartner]:
    return (
        CohortPartner.objects.filter(cohort=cohort)
        .select_related("partner")
        .order_by("order", "partner__name_en", "partner__name_zh")
    )
