"""Delete the confidential deliverables of cohorts past their retention time (the beat job
films.purge_deliverables runs the same service daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from films.services import deliverables_purge


class Command(BaseCommand):
    help = "Delete deliverables of cohorts that ended more than DELIVERABLE_RETENTION_DAYS ago."

    def handle(self, *args, **options) -> None:
        purged = deliverables_purge()
        days = settings.DELIVERABLE_RETENTION_DAYS
        self.stdout.write(f"{purged} deliverable file(s) deleted (retention {days} days).")
