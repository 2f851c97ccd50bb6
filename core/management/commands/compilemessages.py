"""Compiles every catalogue of ours (.po -> .mo) in pure Python, replacing Django's command.

Django's own ``compilemessages`` runs GNU gettext's ``msgfmt``, which a fresh machine with only
Python does not have, and walks the whole tree (the virtualenv included). This one compiles the
project's catalogues with Babel (see core/catalogues.py); ``./dev install`` runs it whenever a
``.po`` is newer than its ``.mo``, and the Dockerfile runs it at build.
"""

from django.core.management.base import BaseCommand, CommandError

from core.catalogues import catalogue_compile, catalogue_is_compiled, catalogue_po_files


class Command(BaseCommand):
    help = "Compiles the project's translation catalogues (.po to .mo) without GNU gettext."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if a compiled catalogue is missing or differs from its .po.",
        )

    def handle(self, *args, check=False, **options):
        stale = []
        for po_path in catalogue_po_files():
            if check:
                if not catalogue_is_compiled(po_path):
                    stale.append(str(po_path.with_suffix(".mo")))
                continue
            po_path.with_suffix(".mo").write_bytes(catalogue_compile(po_path))
            if options["verbosity"] > 0:
                self.stdout.write(f"compiled {po_path}")
        if stale:
            raise CommandError("Out of date, run ./dev manage compilemessages: " + ", ".join(stale))
