from functools import cache
from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

# Apps whose rows the public site shows; within them, models it never shows.
PUBLIC_CONTENT_APPS = {"programs", "talents", "mentors", "films", "screenings", "calls"}
# Issue 18: an active licence decides the public "watch on <platform>"; the alumni pages show
# approved, consented entries (a proposal or a consent change bumps the pages too: harmless).
PUBLIC_CONTENT_APPS |= {"rights", "alumni"}
# Rows no cached page shows: trails, logs and queues. Every other write to a model of the
# project's own apps is working data, which the staff dashboard's fragments and the signed-in
# page cache (core.private_cache) are keyed on; an API call's trail row must not empty them.
UNSHOWN_MODELS = {
    "accounts.securityevent",
    "accounts.throttleentry",
    "outbox.outboxmessage",
    "outbox.outboxattachment",
    "outbox.digestentry",
    "webhooks.webhookdelivery",
    "webhooks.webhookattempt",
}
PRIVATE_MODELS = {"films.milestonesubmission", "films.submissioncomment", "films.filmrevision"}
PRIVATE_MODELS |= {"rights.licencewarning"}
# The open call shows only the call and its questions; applications and reviews are private.
PRIVATE_MODELS |= {
    f"calls.{name}"
    for name in (
        "application",
        "applicationfile",
        "answer",
        "coapplicant",
        "reviewer",
        "conflict",
        "assignment",
        "review",
        "interviewslot",
    )
}


def _model_changed(sender, **kwargs) -> None:
    from core import public_cache

    meta = sender._meta
    if meta.app_label in PUBLIC_CONTENT_APPS and meta.label_lower not in PRIVATE_MODELS:
        public_cache.public_content_changed()
    elif _is_project_app(meta.app_label) and meta.label_lower not in UNSHOWN_MODELS:
        public_cache.working_data_changed()


@cache
def _is_project_app(label: str) -> bool:
    # The apps of this repository (each a top-level package beside manage.py), not Django's
    # own or a library's (sessions, two-factor devices).
    try:
        config = apps.get_app_config(label)
    except LookupError:  # Django's record of applied migrations belongs to no installed app
        return False
    return Path(config.path).resolve().parent == settings.BASE_DIR


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared plumbing"

    def ready(self) -> None:
        # Cache invalidation, not workflow: a model signal is the one hook every door (services,
        # admin, loaders) passes through, so no writer can forget to invalidate cached pages.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_model_changed, dispatch_uid=f"cached-pages-{signal}")
