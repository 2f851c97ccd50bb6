"""The daily reminders (the task films.send_reminders, run by beat every morning in the
festival's time zone): directors about milestones due within a week, due tomorrow, and once when
overdue; producers about a submission that has waited for review more than five days.

Each reminder goes out at most once per film's milestone, recipient and kind (for review
reminders: per submitted version), however often the job runs and however many beat processes
run it: the ReminderSent row and its outbox message are written in one transaction, and the
row's unique constraint turns a second attempt into a skipped conflict."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone

from films.models import Film, MilestoneSubmission, ReminderSent
from outbox.services import message_enqueue
from programs.models import Cohort, MilestoneDefinition

logger = logging.getLogger(__name__)

DUE_SOON_DAYS = 7
REVIEW_WAIT_DAYS = 5
TEMPLATES = {
    ReminderSent.Kind.DUE_SOON: "reminder_milestone_due",
    ReminderSent.Kind.DUE_TOMORROW: "reminder_milestone_due",
    ReminderSent.Kind.OVERDUE: "reminder_milestone_overdue",
    ReminderSent.Kind.REVIEW_WAITING: "reminder_review_waiting",
}


@dataclass(frozen=True)
class Reminder:
    kind: str
    film: Film
    milestone: MilestoneDefinition
    recipient: object  # accounts.User
    version: int = 0
    submission: MilestoneSubmission | None = None

    @property
    def key(self) -> tuple:
        return (self.film.pk, self.milestone.pk, self.recipient.pk, self.kind, self.version)


def reminders_send(*, today: date | None = None) -> int:
    """Send every reminder due today (festival time) that has not gone out yet; the count sent."""
    today = today or timezone.localdate()
    candidates = [*_milestone_reminders(today), *_review_reminders(today)]
    already = _already_sent(candidates)
    return sum(_send_once(r, today) for r in candidates if r.key not in already)


def _milestone_reminders(today: date) -> Iterator[Reminder]:
    """Required milestones, due within a week or overdue, of films in training whose director
    has delivered nothing for them yet."""
    # Each cohort in training with its due milestones and its films: a film meets only its own
    # cohort's milestones, and only cohorts in training are asked (one place says so).
    cohorts = Cohort.objects.filter(status=Cohort.Status.TRAINING).prefetch_related(
        Prefetch(
            "milestones",
            queryset=MilestoneDefinition.objects.filter(
                is_required=True, due_date__lte=today + timedelta(days=DUE_SOON_DAYS)
            ),
            to_attr="due_milestones",
        ),
        Prefetch(
            "films",
            queryset=Film.objects.filter(director__user__is_active=True).select_related(
                "director__user", "cohort"
            ),
            to_attr="reminded_films",
        ),
    )
    milestones = [milestone for cohort in cohorts for milestone in cohort.due_milestones]
    delivered = set(
        MilestoneSubmission.objects.filter(milestone__in=milestones).values_list(
            "film_id", "milestone_id"
        )
    )
    for cohort in cohorts:
        for film in cohort.reminded_films:
            for milestone in cohort.due_milestones:
                if (film.pk, milestone.pk) not in delivered:
                    kind = _due_kind(milestone.due_date, today)
                    yield Reminder(kind, film, milestone, film.director.user)


def _due_kind(due_date: date, today: date) -> str:
    days_left = (due_date - today).days
    if days_left < 0:
        return ReminderSent.Kind.OVERDUE
    if days_left <= 1:
        return ReminderSent.Kind.DUE_TOMORROW
    return ReminderSent.Kind.DUE_SOON


def _review_reminders(today: date) -> Iterator[Reminder]:
    """The latest version of a milestone still waiting for review, submitted more than five
    (festival) days before today, for the film's producer."""
    cutoff = timezone.make_aware(
        datetime.combine(today - timedelta(days=REVIEW_WAIT_DAYS), time.min)
    )
    newer = MilestoneSubmission.objects.filter(
        film_id=OuterRef("film_id"),
        milestone_id=OuterRef("milestone_id"),
        version__gt=OuterRef("version"),
    )
    waiting = (
        MilestoneSubmission.objects.filter(
            status=MilestoneSubmission.Status.SUBMITTED,
            submitted_at__lt=cutoff,
            film__cohort__status=Cohort.Status.TRAINING,
            film__producer__user__is_active=True,
        )
        .exclude(Exists(newer))
        .select_related("film__producer__user", "film__director", "film__cohort", "milestone")
    )
    for submission in waiting:
        film = submission.film
        yield Reminder(
            ReminderSent.Kind.REVIEW_WAITING,
            film,
            submission.milestone,
            film.producer.user,
            version=submission.version,
            submission=submission,
        )


def _already_sent(candidates: list[Reminder]) -> set[tuple]:
    films = {r.film.pk for r in candidates}
    rows = ReminderSent.objects.filter(film_id__in=films).values_list(
        "film_id", "milestone_id", "recipient_id", "kind", "version"
    )
    return set(rows)


def _send_once(reminder: Reminder, today: date) -> int:
    """1 if this run sent it; 0 if another run got there first (the unique constraint)."""
    try:
        with transaction.atomic():
            sent = ReminderSent.objects.create(
                film=reminder.film,
                milestone=reminder.milestone,
                recipient=reminder.recipient,
                kind=reminder.kind,
                version=reminder.version,
            )
            message_enqueue(
                recipient=reminder.recipient.email,
                language=reminder.recipient.preferred_language,
                template=TEMPLATES[reminder.kind],
                context=_context(reminder, today),
                cause=f"reminder:{sent.pk}",
            )
    except IntegrityError:
        logger.info("reminder %s already sent by another run", reminder.key)
        return 0
    return 1


def _context(reminder: Reminder, today: date) -> dict:
    path = reverse(
        "portal:milestone",
        kwargs={"film_id": reminder.film.pk, "milestone_id": reminder.milestone.pk},
    )
    submission = reminder.submission
    context = {
        "recipient": reminder.recipient,
        "film": reminder.film,
        "milestone": reminder.milestone,
        "submission": submission,
        "due_date": reminder.milestone.due_date,
        "days_left": (reminder.milestone.due_date - today).days,
        "days_late": (today - reminder.milestone.due_date).days,
        "link": f"{settings.SITE_URL}{path}",
    }
    if submission is not None:  # a review reminder: how long the version has waited
        context["days_waiting"] = (today - timezone.localdate(submission.submitted_at)).days
    return context
