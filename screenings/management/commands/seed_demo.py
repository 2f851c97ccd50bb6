from django.core.management.base import BaseCommand

from screenings.demo import load_demo


class Command(BaseCommand):
    help = "Load the BJIFF TALENTS demo program (safe to run again: nothing is created twice)."

    def add_arguments(self, parser):
        parser.add_argument("--no-posters", action="store_true", help="Skip generated posters.")

    def handle(self, *args, no_posters: bool = False, **options):
        report = load_demo(with_posters=not no_posters)
        if report.created:
            self.stdout.write(f"Created: {', '.join(report.created)}")
        else:
            self.stdout.write("The demo data was already loaded; nothing created.")
        self.stdout.write(self.style.SUCCESS("Demo logins (password for all shown):"))
        for role, email, password in report.logins:
            self.stdout.write(f"  {role:9} {email}  {password}")
