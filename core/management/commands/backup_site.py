from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the public and private files into one .tar.gz."

    def add_arguments(self, parser):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        parser.add_argument("--output", type=Path, default=Path(f"backups/talents-{stamp}.tar.gz"))

    def handle(self, *args, output: Path, **options):
        try:
            path = backup_create(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
