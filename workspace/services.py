"""Writes of the staff workspace that span apps: a cohort created with a copied schedule, and
announcements to a cohort's people through the outbox."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from core.bilingual import localized
from core.services import validated_save
from films.models import Film
from mentors.models import Mentor, PanelMembership
from outbox.services import message_enqueue
from programs.models import Cohort
from programs.services import cohort_create, milestone_schedule_copy
from talents.models import Enrollment, Talent
from workspace.models import Announcement


@transaction.atomic
def cohort_create_from(
    *, copy_from: Cohort | None = None, shift_days: int | None = None, **fields
) -> Cohort:
    """A new cohort; with `copy_from`, the earlier cohort's schedule with its dates shifted (by
    default as far as the training start moved)."""
    cohort = cohort_create(**fields)
    if copy_from is not None:
        if shift_days is None:
            shift_days = (cohort.training_start - copy_from.training_start).days
        milestone_schedule_copy(source=copy_from, target=cohort, shift_days=shift_days)
    return cohort


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    name: str


def announcement_send(*, cohort: Cohort, sent_by, **fields) -> Announcement:
    """Record the announcement and put one message per recipient in the outbox, each in the
    recipient's language; all in one transaction, so it is sent to everybody or nobody."""
    with transaction.atomic():
        announcement = validated_save(Announcement(cohort=cohort, sent_by=sent_by), **fields)
        recipients = announcement_recipients(cohort=cohort, audience=announcement.audience)
        for recipient in recipients:
            _enqueue(announcement, recipient)
        return validated_save(announcement, recipient_count=len(recipients))


def announcement_recipients(*, cohort: Cohort, audience: str) -> list[Recipient]:
    """Each person once, by address; people without any address are left out."""
    people: list[Talent | Mentor] = []
    if audience in (Announcement.Audience.COHORT, Announcement.Audience.DIRECTORS):
        people += Talent.objects.filter(
            enrollments__cohort=cohort,
            enrollments__status__in=[Enrollment.Status.SELECTED, Enrollment.Status.ACTIVE],
        ).select_related("user")
    if audience in (Announcement.Audience.COHORT, Announcement.Audience.PRODUCERS):
        produced = Film.objects.filter(cohort=cohort).values("producer_id")
        people += Mentor.objects.filter(pk__in=produced).select_related("user")
    if audience in (Announcement.Audience.COHORT, Announcement.Audience.PANEL):
        seats = PanelMembership.objects.filter(cohort=cohort).values("mentor_id")
        people += Mentor.objects.filter(pk__in=seats).select_related("user")
    recipients = {}
    for person in people:
        recipient = _recipient(person)
        if recipient.email:
            recipients.setdefault(recipient.email.lower(), recipient)
    return list(recipients.values())


def _recipient(person: Talent | Mentor) -> Recipient:
    user = person.user if person.user_id else None
    if user is not None and user.is_active:
        return Recipient(user.email, user.preferred_language, user.full_name)
    return Recipient(person.email, settings.LANGUAGE_CODE, person.display_name)


def _enqueue(announcement: Announcement, recipient: Recipient) -> None:
    message_enqueue(
        recipient=recipient.email,
        language=recipient.language,
        template="announcement",
        context={
            "recipient_name": recipient.name,
            "cohort_edition": str(localized(announcement.cohort, "edition", recipient.language)),
            "subject": str(localized(announcement, "subject", recipient.language)),
            "body": str(localized(announcement, "body", recipient.language)),
        },
        cause=f"announcement:{announcement.pk}",
    )
