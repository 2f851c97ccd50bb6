from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from accounts import urls as accounts_urls
from accounts import views as accounts_views
from core import health
from portal import account_views as portal_account_views
from portal.call_urls import review_urls
from website.urls.calls import apply_urls
from website.views import site as site_views
from workspace.views import invitations as workspace_invitations

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Every sign-in goes through accounts:login (throttled, second factor), the admin's too.
    path("admin/login/", accounts_views.admin_login_view, name="admin_login"),
    path("admin/", admin.site.urls),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", site_views.sitemap, name="sitemap"),
    # The workspace speaks the signed-in person's language (a cookie set at login), not a prefix.
    path(
        "accounts/",
        include(
            (
                accounts_urls.urlpatterns
                + workspace_invitations.account_urlpatterns
                + portal_account_views.account_urlpatterns,
                accounts_urls.app_name,
            )
        ),
    ),
    path("portal/industry/", include("portal.guest_urls")),
    path("portal/", include("portal.urls")),
    path("review/", review_urls),
    # A partner's confirmation link: no account, a secret token (portal.partner_views).
    path("partner/", include("portal.partner_urls")),
    # The REST API speaks JSON and both languages (Accept-Language), at one address each.
    path("api/", include("api.urls")),
]
# The public site, under /zh-hans/ and /en/: both languages prefixed, so every page has one
# address per language (what hreflang alternates and caches want); "/" redirects by browser
# language.
urlpatterns += i18n_patterns(
    path("", site_views.home, name="home"),
    path("films/", include("website.urls.films")),
    path("directors/", include("website.urls.talents")),
    path("mentors/", include("website.urls.mentors")),
    path("cohorts/", include("website.urls.programs")),
    path("screenings/", include("website.urls.screenings")),
    path("calls/", apply_urls),
    path("guests/", include("website.urls.guests")),
    path("workspace/", include("workspace.urls")),
    prefix_default_language=True,
)

if settings.BENCHMARK_BASELINE:
    urlpatterns.append(path("bench/baseline", health.baseline))

if settings.DEBUG:
    from django.conf.urls.static import static

    from core.media_views import serve_public_media

    urlpatterns += static(
        settings.MEDIA_URL, view=serve_public_media, document_root=settings.MEDIA_ROOT
    )
