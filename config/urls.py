from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from accounts import views as accounts_views
from core import health
from core import views as core_views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Every sign-in goes through accounts:login (throttled, second factor), the admin's too.
    path("admin/login/", accounts_views.admin_login_view, name="admin_login"),
    path("admin/", admin.site.urls),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", core_views.sitemap, name="sitemap"),
    # The workspace speaks the signed-in person's language (a cookie set at login), not a prefix.
    path("accounts/", include("accounts.urls")),
    path("portal/industry/", include("guests.portal_urls")),
    path("portal/", include("films.portal_urls")),
]
# The public site, under /zh-hans/ and /en/: both languages prefixed, so every page has one
# address per language (what hreflang alternates and caches want); "/" redirects by browser
# language.
urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("films/", include("films.urls")),
    path("directors/", include("talents.urls")),
    path("mentors/", include("mentors.urls")),
    path("cohorts/", include("programs.urls")),
    path("screenings/", include("screenings.urls")),
    path("guests/", include("guests.public_urls")),
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
