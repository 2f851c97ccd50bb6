"""Template tags every public page uses: language links and alternates, fallback marking of
bilingual content, and responsive pictures from generated thumbnails."""

from django import template
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import translate_url
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

register = template.Library()

# hreflang and <html lang> want BCP 47 tags, Django's codes are lower case.
HTML_LANGUAGE = {"zh-hans": "zh-Hans", "en": "en"}


@register.simple_tag
def lang_attr(value: object) -> SafeString:
    """` lang="…"` on an element whose text fell back to the other language, else nothing."""
    if getattr(value, "is_fallback", False):
        return format_html(' lang="{}"', value.html_lang)
    return SafeString("")


@register.simple_tag
def html_language() -> str:
    return HTML_LANGUAGE.get(get_language() or settings.LANGUAGE_CODE, "zh-Hans")


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict]:
    """This page in every language, as plain links (no POST form, so no CSRF token)."""
    request = context["request"]
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "html_lang": HTML_LANGUAGE.get(code, code),
                "name": info["name_local"],
                "url": translate_url(request.get_full_path(), code),
                "is_current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def language_neutral_url(context: template.Context) -> str:
    """This page without its language prefix: the address LocaleMiddleware redirects by the
    browser's language, which is what hreflang="x-default" means (as in Django's sitemaps)."""
    code = settings.LANGUAGE_CODE
    prefixed = translate_url(context["request"].get_full_path(), code)
    return prefixed.replace(f"/{code}/", "/", 1)


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, path: str) -> str:
    return context["request"].build_absolute_uri(path)


@register.simple_tag
def media_url(name: str) -> str:
    return default_storage.url(name)


@register.inclusion_tag("includes/picture.html")
def responsive_picture(
    thumbnails: list[dict], alt: str, sizes: str, css_class: str = "", eager: bool = False
) -> dict:
    """<picture> with a WebP srcset and a JPEG fallback, from core.images thumbnails."""
    webp = sorted((t for t in thumbnails if t["format"] == "webp"), key=lambda t: t["width"])
    jpeg = sorted((t for t in thumbnails if t["format"] == "jpeg"), key=lambda t: t["width"])
    fallback = jpeg[len(jpeg) // 2] if jpeg else None
    return {
        "webp_srcset": _srcset(webp),
        "jpeg_srcset": _srcset(jpeg),
        "fallback": fallback,
        "fallback_url": default_storage.url(fallback["name"]) if fallback else "",
        "alt": alt,
        "sizes": sizes,
        "css_class": css_class,
        "eager": eager,
    }


def _srcset(thumbnails: list[dict]) -> str:
    return ", ".join(f"{default_storage.url(t['name'])} {t['width']}w" for t in thumbnails)


@register.filter
def largest_jpeg(thumbnails: list[dict]) -> dict | None:
    """The largest JPEG thumbnail, for Open Graph and Twitter cards (not every link preview
    reads WebP)."""
    jpeg = [t for t in thumbnails or [] if t["format"] == "jpeg"]
    if not jpeg:
        return None
    largest = max(jpeg, key=lambda t: t["width"])
    return {**largest, "url": default_storage.url(largest["name"])}


@register.simple_tag
def fallback_note(value: object) -> SafeString:
    """A visible note on text shown in the other language because this one has none."""
    if not getattr(value, "is_fallback", False):
        return SafeString("")
    note = _("Only in English") if value.html_lang == "en" else _("Only in Chinese")
    return format_html('<p class="fallback-note">{}</p>', note)


@register.simple_tag
def time_range(starts, ends) -> str:
    """ "25 Sep 2021, 19:00 – 21:30": the end's date only when it is another festival day."""
    if starts is None or ends is None:
        return ""
    starts, ends = timezone.localtime(starts), timezone.localtime(ends)
    end_format = "TIME_FORMAT" if starts.date() == ends.date() else "DATETIME_FORMAT"
    return f"{date_format(starts, 'DATETIME_FORMAT')} – {date_format(ends, end_format)}"
