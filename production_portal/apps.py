from django.apps import AppConfig


class ProductionPortalConfig(AppConfig):
    """The portal's pages for making the films (issue 17) — bookings, sessions, the calendar
    feed — and the partner's confirmation link. A staging place: these modules move into the
    portal app (portal/) once it exists on main; their URL names are already the portal's."""

    name = "production_portal"
    verbose_name = "Portal: production"
