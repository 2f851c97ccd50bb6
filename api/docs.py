"""The schema and its documentation page. Swagger UI comes from drf-spectacular-sidecar's
static files (no CDN) and its start-up script from a URL of ours (the split view), so the page
runs under the site's strict Content-Security-Policy: scripts and styles from 'self' only, none
inline (our own template drops the inline <style> of drf-spectacular's)."""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


class SchemaView(SpectacularAPIView):
    authentication_classes = []
    permission_classes = []
    throttle_classes = []


class DocsView(SpectacularSwaggerSplitView):
    authentication_classes = []
    permission_classes = []
    throttle_classes = []
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
    title = "BJIFF TALENTS API"
