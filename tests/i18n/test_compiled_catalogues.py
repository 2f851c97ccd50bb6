"""The compiled catalogues (.mo, build artefacts) are built from the .po files in git."""

import gettext
from io import BytesIO

from django.conf import settings
from django.core.management import call_command

from core.catalogues import catalogue_compile, catalogue_is_compiled, catalogue_po_files


def test_catalogues_found_are_ours():
    base = settings.BASE_DIR.resolve()

    found = {str(po.relative_to(base)) for po in catalogue_po_files()}

    assert "locale/zh_Hans/LC_MESSAGES/django.po" in found
    assert "accounts/locale/zh_Hans/LC_MESSAGES/django.po" in found
    assert not any(".venv" in path for path in found)


def test_compiled_catalogues_match_the_po_files():
    call_command("compilemessages", check=True)


def test_compiling_keeps_translations_and_drops_fuzzy_and_empty(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "Film"\nmsgstr "影片"\n\n'
        '#, fuzzy\nmsgid "Films"\nmsgstr "旧译"\n\n'
        'msgid "Slug"\nmsgstr ""\n\n'
        'msgid "%(n)s film"\nmsgid_plural "%(n)s films"\nmsgstr[0] ""\n',
        encoding="utf-8",
    )

    translations = gettext.GNUTranslations(BytesIO(catalogue_compile(po)))

    assert translations.gettext("Film") == "影片"
    assert translations.gettext("Films") == "Films"
    assert translations.gettext("Slug") == "Slug"
    assert translations.ngettext("%(n)s film", "%(n)s films", 3) == "%(n)s films"


def test_check_fails_on_a_catalogue_compiled_from_an_older_po(tmp_path):
    po = tmp_path / "django.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Film"\nmsgstr "影片"\n', encoding="utf-8")
    po.with_suffix(".mo").write_bytes(catalogue_compile(po))
    assert catalogue_is_compiled(po)

    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Film"\nmsgstr "电影"\n', encoding="utf-8")

    assert not catalogue_is_compiled(po)
