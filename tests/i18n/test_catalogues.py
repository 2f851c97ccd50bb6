"""The Chinese catalogues are complete: no empty or fuzzy translation in any catalogue of ours,
and every message the code and templates use is in one of them (makemessages, run over a copy
of the source into a temporary folder, is the judge of what the code uses)."""

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from core.catalogues import catalogue_po_files
from programs.models import Cohort
from tests.factories import CohortFactory

# Folders that hold no message of ours (or are not source at all).
NOT_SOURCE = {
    ".venv",
    ".git",
    "tests",
    "media",
    "private-media",
    "staticfiles",
    "static",
    "screenshots",
    "benchmark-results",
    "node_modules",
    "__pycache__",
    "locale",
}


def _not_source(_folder, names) -> set:
    return NOT_SOURCE & set(names) | {name for name in names if ".sqlite3" in name}


def _chinese_catalogues() -> list[Path]:
    return [po for po in catalogue_po_files() if po.parts[-3] == "zh_Hans"]


def _read(po: Path):
    # Babel warns about the placeholder plural header of a fresh makemessages catalogue.
    logging.getLogger("babel").setLevel(logging.ERROR)
    with po.open("rb") as po_file:
        return read_po(po_file)


def _untranslated(message) -> bool:
    strings = message.string if message.pluralizable else (message.string,)
    return message.fuzzy or not all(strings)


def _keys(catalogue) -> set:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalogue if m.id}


def test_every_catalogue_of_ours_is_found():
    found = {str(po.relative_to(settings.BASE_DIR.resolve())) for po in _chinese_catalogues()}

    assert "locale/zh_Hans/LC_MESSAGES/django.po" in found
    assert "workspace/locale/zh_Hans/LC_MESSAGES/django.po" in found


@pytest.mark.parametrize("po", _chinese_catalogues(), ids=lambda po: str(po.parent.parent.parent))
def test_no_empty_or_fuzzy_translation(po):
    untranslated = [m.id for m in _read(po) if m.id and _untranslated(m)]

    assert untranslated == []


@pytest.fixture(scope="module")
def messages_in_code(tmp_path_factory) -> set:
    """Every message of the code and templates, as makemessages extracts them from a copy of
    the source whose own catalogues are removed (so all land in one fresh catalogue)."""
    if shutil.which("xgettext") is None:
        pytest.fail("makemessages needs GNU gettext's xgettext: apt-get install gettext")
    copy = tmp_path_factory.mktemp("source") / "src"
    shutil.copytree(settings.BASE_DIR, copy, ignore=_not_source)
    (copy / "locale").mkdir()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "zh_Hans",
            "--extension",
            "html,txt,py",
            "--verbosity",
            "0",
        ],
        cwd=copy,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "true"},
    )
    return _keys(_read(copy / "locale/zh_Hans/LC_MESSAGES/django.po"))


def test_every_message_in_code_is_in_a_catalogue(messages_in_code):
    ours = set().union(*(_keys(_read(po)) for po in _chinese_catalogues()))

    assert sorted(messages_in_code - ours, key=str) == []


def test_makemessages_finds_the_messages_of_python_and_templates(messages_in_code):
    assert (None, "Training must end after it starts.") in messages_in_code
    assert (None, "My account") in messages_in_code
    assert (None, "Your invitation to %(SITE_NAME)s") in messages_in_code
    assert ("job", "title (Chinese)") in messages_in_code


@pytest.mark.django_db
def test_a_taken_slug_reads_naturally_in_chinese():
    CohortFactory(slug="bjiff-talents-2026")
    cohort = Cohort(slug="bjiff-talents-2026")

    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as error:
            cohort.validate_unique()
        # Lazy messages: read while the language is still the one asked for.
        shown = error.value.message_dict

    assert shown == {"slug": ["已有网址标识相同的届次。"]}


def test_django_messages_we_translate_stay_translated():
    # In our catalogue (not in our code): a makemessages run would make them obsolete.
    from django.db.models.fields import BLANK_CHOICE_LABEL

    with translation.override("zh-hans"):
        assert str(BLANK_CHOICE_LABEL) == "- 请选择 -"


def test_every_translation_of_ours_is_the_one_shown():
    """An app's catalogue loses to the catalogues of apps listed before it (Django's admin says
    "过滤器" for "Filter"): such messages belong in the main catalogue, which comes first."""
    overridden = []
    with translation.override("zh-hans"):
        for po in _chinese_catalogues():
            for message in _read(po):
                if not message.id or message.pluralizable:
                    continue
                if message.context:
                    shown = translation.pgettext(message.context, message.id)
                else:
                    shown = translation.gettext(message.id)
                if shown != message.string:
                    overridden.append((message.id, message.string, shown))

    assert overridden == [], overridden
