from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save

# Apps whose rows the public site shows; within them, models it never shows.
PUBLIC_CONTENT_APPS = {"programs", "talents", "mentors", "films", "screenings", "calls"}
# Issue 18: an active licence decides the public "watch on <platform>"; the alumni pages show
# approved, consented entries (a proposal or a consent change bumps the pages too: harmless).
PUBLIC_CONTENT_APPS |= {"rights", "alumni"}
# Apps whose rows staff pages summarise (the dashboard lists open invitations too).
WORKING_DATA_APPS = PUBLIC_CONTENT_APPS | {"accounts"}
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
    elif meta.app_label in WORKING_DATA_APPS:
        public_cache.working_data_changed()


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared plumbing"

    def ready(self) -> None:
        # Cache invalidation, not workflow: a model signal is the one hook every door (services,
        # admin, loaders) passes through, so no writer can forget to invalidate cached pages.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_model_changed, dispatch_uid=f"cached-pages-{signal}")
