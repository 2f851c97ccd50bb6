"""The retention of confidential files: deliverables purged after their cohort ended."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import SecurityEvent
from accounts.services import security_event_record
from films.models import MilestoneSubmission
from programs.models import Cohort


def deliverables_purge(*, today: datetime.date | None = None) -> int:
    """Delete the confidential files of cohorts that ended (training and premiere) more than
    DELIVERABLE_RETENTION_DAYS ago. The submissions stay (milestone, version, status, dates,
    feedback) and nothing public changes; only the scripts and cuts go. Safe to run twice: a
    purged submission has no file left. Returns how many files were deleted."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.DELIVERABLE_RETENTION_DAYS)
    ended = Cohort.objects.filter(training_end__lt=cutoff).exclude(premiere_date__gte=cutoff)
    purged = 0
    for cohort in ended.filter(films__submissions__file__gt="").distinct():
        purged += _cohort_deliverables_purge(cohort)
    return purged


@transaction.atomic
def _cohort_deliverables_purge(cohort: Cohort) -> int:
    submissions = MilestoneSubmission.objects.filter(film__cohort=cohort).exclude(file="")
    files = [(s.file.storage, s.file.name) for s in submissions.select_for_update()]
    submissions.update(file="", purged_at=timezone.now())
    security_event_record(
        kind=SecurityEvent.Kind.DELIVERABLES_PURGED,
        email=f"cohort:{cohort.slug}",
        details={"cohort": cohort.slug, "files_deleted": len(files)},
    )
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    return len(files)
