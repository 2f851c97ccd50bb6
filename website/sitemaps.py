"""Sections of sitemap.xml: every public page in both languages, each listing its translations
as alternates. The classes take the selector that lists their objects, so this root app knows
no other app; website.views.site puts the sections together."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Model, QuerySet
from django.urls import reverse


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(PublicSitemap):
    changefreq = "daily"

    def __init__(self, url_names: list[str]) -> None:
        self.url_names = url_names

    def items(self) -> list[str]:
        return self.url_names

    def location(self, item: str) -> str:
        return reverse(item)


class ObjectsSitemap(PublicSitemap):
    """The objects a selector returns, each at its `get_absolute_url()`."""

    def __init__(self, selector) -> None:
        self.selector = selector

    def items(self) -> QuerySet[Model]:
        return self.selector()

    def lastmod(self, item: Model):
        return item.updated_at
