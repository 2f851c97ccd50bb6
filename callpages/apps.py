from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallpagesConfig(AppConfig):
    """The open call's pages for the public, applicants and reviewers (staff pages are in the
    workspace). People-facing: it calls down into calls, never the reverse."""

    name = "callpages"
    verbose_name = _("Open call pages")
