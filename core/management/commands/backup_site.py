from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and the public and private files into one .tar.gz."

    def add_arguments(self, parser):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        parser.add_argument("--output", type=Path, default=Path(f"backups/talents-{stamp}.tar.gz"))

    def handle(self, *args, output: Path, **options):
        path = backup_create(output=output)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
