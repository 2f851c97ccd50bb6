"""Reads of the talents app. A director is public while enrolled, not withdrawn, in a cohort
that is public; their contact data and unconsented fields never leave this app's pages."""

from django.db.models import Exists, OuterRef, QuerySet

from programs.models import Cohort
from programs.selectors import PUBLIC_COHORT_STATUSES
from talents.models import Enrollment, Talent


def enrollments_public() -> QuerySet[Enrollment]:
    return Enrollment.objects.exclude(status=Enrollment.Status.WITHDRAWN).filter(
        cohort__status__in=PUBLIC_COHORT_STATUSES
    )


def talents_public() -> QuerySet[Talent]:
    return Talent.objects.filter(
        Exists(enrollments_public().filter(talent_id=OuterRef("pk")))
    ).order_by("name_latin", "name_original")


def enrollments_for_talent(talent: Talent) -> QuerySet[Enrollment]:
    return (
        enrollments_public()
        .filter(talent=talent)
        .select_related("cohort")
        .order_by("-cohort__year", "cohort__slug")
    )


def directors_for_cohort(cohort: Cohort) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(cohort=cohort)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .select_related("talent")
        .order_by("talent__name_latin", "talent__name_original")
    )


def talent_consented_fields(talent: Talent) -> frozenset[str]:
    """The personal fields the director agreed to publish (the publish_* flags): what the public
    director page shows, for the REST API to show the same and nothing more. Name and bio are
    always public."""
    consent = {
        "background": talent.publish_background,
        "hometown": talent.publish_hometown,
        "birth_year": talent.publish_birth_year,
        "headshot": talent.publish_headshot and bool(talent.headshot),
        "links": talent.publish_links,
    }
    return frozenset(name for name, given in consent.items() if given)
