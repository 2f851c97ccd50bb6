"""Every page each role of the permission matrix may see, in Chinese and in English: the
interface text a person reads (text, titles, alt texts, placeholders, options, button labels)
is in the page's language. What people entered (titles, names, bios: everything stored in the
database) is content, not interface, and is taken out before looking; so are elements marked
with the other language's `lang` (a bilingual field falling back) or with `translate="no"`.

A page fails on English words left on a Chinese page, or Chinese characters on an English one,
except the few names that are the same in both (BJIFF TALENTS, file formats, the language
switch's own "English" and "简体中文")."""

import copy
import re

import html5lib
import pytest
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import translation

from tests.permissions.conftest import matrix  # noqa: F401 (the permission matrix's world)
from tests.permissions.expectations import ROLES
from tests.permissions.test_matrix import ALL_EXPECTATIONS

pytestmark = pytest.mark.django_db

# Not the Django admin: Django's own interface for the superusers who maintain the site, in
# Django's and its packages' translations (django-otp names its models in English only).
PAGES = sorted(
    name
    for (name, method), (_kwargs, answers) in ALL_EXPECTATIONS.items()
    if method == "GET" and 200 in answers.values() and not name.startswith(("admin:", "api:"))
)
# (The REST API answers JSON with both languages side by side, its docs page is Swagger UI's.)
# The same in both languages: names, formats and protocols a Chinese interface writes in Latin
# letters too.
LATIN_IN_CHINESE = {
    "BJIFF",
    "TALENTS",
    "English",
    "CSV",
    "ZIP",
    "PDF",
    "JPEG",
    "PNG",
    "WebP",
    "Word",
    "Excel",
    "OpenDocument",
    "HTML",
    "Message-ID",
    "DI",
    "iCal",
    "ics",
    "IP",
    "Django",
    "https",
    "QR",
    "FreeOTP",
    "Google",
    "Microsoft",
    "Authenticator",
    "MB",
    "GB",
    # The delivery spec names the tool and the codecs as ffprobe reports them.
    "ffprobe",
    "prores",
    "h264",
    # Loudness is named by its standard and its units, in Chinese as in English.
    "EBU",
    "LUFS",
    "LU",
    "SITE_NAME",
    "API",
    "REST",
    "JSON",
    "POST",
    "Webhook",
    "HMAC-SHA",
    "xx",
}
CHINESE_IN_ENGLISH = {"简体中文"}
VISIBLE_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
HIDDEN = {"script", "style", "template", "noscript"}
HTML = "{http://www.w3.org/1999/xhtml}"
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z’'_-]*[A-Za-z]")
CHINESE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]+")


def visible_texts(html: str, language: str) -> list[str]:
    """The texts of a page a person sees or hears, leaving out elements marked as the other
    language (content falling back to it)."""
    document = html5lib.parse(html)
    other = "en" if language.startswith("zh") else "zh"
    texts = []

    def walk(element, skipped):
        if not isinstance(element.tag, str):  # a comment: nobody sees it
            return
        tag = element.tag.replace(HTML, "")
        skipped = (
            skipped
            or tag in HIDDEN
            or element.get("lang", "").startswith(other)
            or element.get("translate") == "no"  # marked as not to be translated (a secret key)
        )
        if not skipped:
            texts.extend(element.get(name) for name in VISIBLE_ATTRIBUTES if element.get(name))
            if tag == "input" and element.get("type") in ("submit", "button"):
                texts.append(element.get("value") or "")
            texts.append(element.text or "")
        for child in element:
            walk(child, skipped)
            if not skipped:
                texts.append(child.tail or "")

    walk(document, False)
    return [text.strip() for text in texts if text and text.strip()]


def stored_texts() -> list[str]:
    """Everything people entered: every text stored in the database, and each object's name;
    longest first, so a title is taken out before a word in it."""
    found = set()
    for model in apps.get_models():
        text_fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.FileField)
            and not field.choices
        ]
        for instance in model._default_manager.all():
            found.add(str(instance))
            found.update(str(getattr(instance, name) or "") for name in text_fields)
            for field in model._meta.concrete_fields:
                if isinstance(field, models.JSONField):
                    found.update(_json_texts(getattr(instance, field.attname)))
    return sorted((text for text in found if len(text.strip()) > 1), key=len, reverse=True)


def _json_texts(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _json_texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _json_texts(item)]
    return [str(value)] if isinstance(value, str) else []


def wrong_language(texts: list[str], language: str, content: list[str]) -> list[str]:
    wrong = []
    for text in texts:
        for stored in content:
            text = text.replace(stored, " ")
        if language.startswith("zh"):
            wrong += [word for word in LATIN_WORD.findall(text) if word not in LATIN_IN_CHINESE]
        else:
            wrong += [chars for chars in CHINESE.findall(text) if chars not in CHINESE_IN_ENGLISH]
    return wrong


def page_texts(response, language: str) -> list[str]:
    kind = response.get("Content-Type", "")
    if kind.startswith("text/html"):
        return visible_texts(response.content.decode(), language)
    if kind.startswith("text/csv"):
        return [response.content.decode("utf-8-sig").splitlines()[0]]  # the header row
    return []


def read_page(client, url, language, content):
    cookies = copy.deepcopy(client.cookies)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    try:
        with transaction.atomic():
            response = client.get(url)
            texts = page_texts(response, language)
            wrong = wrong_language(texts, language, content) if texts else []
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response.status_code, sorted(set(wrong))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_speaks_its_language(name, language, matrix):  # noqa: F811
    build_kwargs, answers = ALL_EXPECTATIONS[(name, "GET")]
    with translation.override(language):
        url = reverse(name, kwargs=build_kwargs(matrix.world))
    problems = {}
    # What the world stores is the same for every role's request (each is rolled back).
    content = stored_texts()

    for role in (role for role in ROLES if answers[role] == 200):
        status, wrong = read_page(matrix.clients[role], url, language, content)
        if status != 200 or wrong:
            problems[role] = (status, wrong)

    assert problems == {}, f"{url}: {problems}"


def test_a_chinese_page_with_english_interface_text_is_caught():
    html = (
        '<html lang="zh-hans"><body><h1>届次</h1><button title="Save">保存</button></body></html>'
    )

    assert wrong_language(visible_texts(html, "zh-hans"), "zh-hans", []) == ["Save"]


def test_content_and_marked_fallbacks_are_not_interface_text():
    html = (
        '<html lang="zh-hans"><body><h1>影片 The Cage</h1>'
        '<p lang="en">A bio only written in English</p><p>English</p></body></html>'
    )

    assert wrong_language(visible_texts(html, "zh-hans"), "zh-hans", ["The Cage"]) == []


def test_an_english_page_with_chinese_interface_text_is_caught():
    html = '<html lang="en"><body><a href="/zh-hans/">简体中文</a><p>Cohort 届次</p></body></html>'

    assert wrong_language(visible_texts(html, "en"), "en", []) == ["届次"]
