"""Every public text is stored twice, as `<name>_zh` and `<name>_en`. `Bilingual("<name>")` on a
model reads the value in the active language and falls back to the other one, returning a
`LocalizedText` that remembers which language it is in, so a template can mark a fallback with a
`lang` attribute."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language

CONTENT_LANGUAGES = ("zh", "en")
HTML_LANG = {"zh": "zh-Hans", "en": "en"}


def content_language(language_code: str | None = None) -> str:
    code = (language_code or get_language() or "zh-hans").lower()
    return "en" if code.startswith("en") else "zh"


class LocalizedText(str):
    """A str that knows its language and whether it is a fallback from the visitor's one."""

    lang: str
    is_fallback: bool

    def __new__(cls, value: str, lang: str, is_fallback: bool) -> LocalizedText:
        text = super().__new__(cls, value)
        text.lang = lang
        text.is_fallback = is_fallback
        return text

    @property
    def html_lang(self) -> str:
        return HTML_LANG[self.lang]


class Bilingual:
    """Descriptor: `title = Bilingual("title")` reads `title_zh` / `title_en`."""

    def __init__(self, base_name: str) -> None:
        self.base_name = base_name

    def __set_name__(self, owner: type[models.Model], name: str) -> None:
        self.attribute_name = name

    def __get__(self, instance: models.Model | None, owner: type) -> LocalizedText | Bilingual:
        if instance is None:
            return self
        return localized(instance, self.base_name)


def localized(instance: models.Model, base_name: str, language: str | None = None) -> LocalizedText:
    wanted = content_language(language)
    other = "en" if wanted == "zh" else "zh"
    value = getattr(instance, f"{base_name}_{wanted}", "") or ""
    if value:
        return LocalizedText(value, wanted, is_fallback=False)
    fallback = getattr(instance, f"{base_name}_{other}", "") or ""
    return LocalizedText(fallback, other if fallback else wanted, is_fallback=bool(fallback))
