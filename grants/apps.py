from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants")

    def ready(self) -> None:
        from films.pipeline import milestone_decided
        from grants import services

        # films sits below grants and cannot call it: it announces each decision instead.
        milestone_decided.connect(services.on_milestone_decided, dispatch_uid="grants-due")
        user_logged_in.connect(services.remember_finance_role, dispatch_uid="grants-finance-nav")
