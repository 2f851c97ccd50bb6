import time

from django.core.management.base import BaseCommand

from demo.loader import load_demo
from demo.scale import load_scale


class Command(BaseCommand):
    help = "Load the BJIFF TALENTS demo program (safe to run again: nothing is created twice)."

    def add_arguments(self, parser):
        parser.add_argument("--no-posters", action="store_true", help="Skip generated posters.")
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Also generate an archive of N yearly cohorts and a 40-film stress cohort.",
        )

    def handle(self, *args, no_posters: bool = False, scale: int = 0, **options):
        report = load_demo(with_posters=not no_posters)
        if report.created:
            self.stdout.write(f"Created: {', '.join(report.created)}")
        else:
            self.stdout.write("The demo data was already loaded; nothing created.")
        if scale:
            started = time.perf_counter()
            scaled = load_scale(years=scale)
            self.stdout.write(
                f"Scaled data: {scaled.cohorts} cohorts, {scaled.films} films, "
                f"{scaled.submissions} submissions in {time.perf_counter() - started:.1f}s"
            )
        self.stdout.write(self.style.SUCCESS("Demo logins (password for all shown):"))
        for role, email, password in report.logins:
            self.stdout.write(f"  {role:9} {email}  {password}")
