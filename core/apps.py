from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save

# Apps whose rows the public site shows; within them, models it never shows.
PUBLIC_CONTENT_APPS = {"programs", "talents", "mentors", "films", "screenings"}
PRIVATE_MODELS = {"films.milestonesubmission", "films.submissioncomment", "films.filmrevision"}


def _public_model_changed(sender, **kwargs) -> None:
    if (
        sender._meta.app_label in PUBLIC_CONTENT_APPS
        and sender._meta.label_lower not in PRIVATE_MODELS
    ):
        from core.public_cache import public_content_changed

        public_content_changed()


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared plumbing"

    def ready(self) -> None:
        # Cache invalidation, not workflow: a model signal is the one hook every door (services,
        # admin, loaders) passes through, so no writer can forget to invalidate the public pages.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_public_model_changed, dispatch_uid=f"public-pages-{signal}")
