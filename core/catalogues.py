"""The project's translation catalogues: where they are, and compiling them without GNU gettext.

The ``.po`` files are the source, kept in git; the ``.mo`` files Django reads are build
artefacts, compiled at install (``./dev install``, the Dockerfile) by the ``compilemessages``
command, which uses Babel so that a machine with nothing but Python can build them. This module
does not extract messages: ``makemessages`` (GNU xgettext) stays the tool for that.
"""

from io import BytesIO
from pathlib import Path

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings


def catalogue_locale_dirs() -> list[Path]:
    """The ``locale`` folders that belong to this project: LOCALE_PATHS and our own apps'."""
    base = Path(settings.BASE_DIR).resolve()
    dirs = [Path(path).resolve() for path in settings.LOCALE_PATHS]
    for app in apps.get_app_configs():
        locale = Path(app.path).resolve() / "locale"
        if locale.is_relative_to(base) and ".venv" not in locale.parts and locale not in dirs:
            dirs.append(locale)
    return [path for path in dirs if path.is_dir()]


def catalogue_po_files() -> list[Path]:
    locales = catalogue_locale_dirs()
    return sorted(po for locale in locales for po in locale.glob("*/LC_MESSAGES/*.po"))


def catalogue_compile(po_path: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po`` file, leaving out fuzzy and empty entries as msgfmt does."""
    with po_path.open("rb") as po_file:
        catalogue = read_po(po_file, abort_invalid=True)
    # Babel keeps a plural entry whose forms are all empty ("" in a tuple is truthy); msgfmt not.
    for message in list(catalogue)[1:]:
        if message.pluralizable and not any(message.string):
            catalogue.delete(message.id, context=message.context)
    compiled = BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    return compiled.getvalue()


def catalogue_is_compiled(po_path: Path) -> bool:
    """Whether the ``.mo`` beside a ``.po`` holds exactly the translations the ``.po`` gives.

    Compares messages, not bytes: Babel stamps the header with the time of compiling.
    """
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return False
    return _translations(mo_path.read_bytes()) == _translations(catalogue_compile(po_path))


def _translations(compiled: bytes) -> dict:
    catalogue = read_mo(BytesIO(compiled))
    return {
        (message.context, str(message.id)): str(message.string)
        for message in catalogue
        if message.id
    }
