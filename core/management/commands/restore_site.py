from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by backup_site into an empty, migrated installation."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)

    def handle(self, *args, source: Path, **options):
        if not source.is_file():
            raise CommandError(f"No backup file at {source}")
        try:
            backup_restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {source}"))
