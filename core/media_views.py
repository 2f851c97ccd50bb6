"""Public uploaded media served by Django itself, only while DEBUG is on (nginx serves /media/
in production with the same headers, deploy/nginx.conf)."""

from django.http import HttpRequest, HttpResponse
from django.views.static import serve

from core.uploads import MEDIA_CONTENT_SECURITY_POLICY


def serve_public_media(request: HttpRequest, path: str, document_root: str) -> HttpResponse:
    response = serve(request, path, document_root=document_root)
    # An image opened directly is a document of our origin: whatever it hides may not run.
    response["Content-Security-Policy"] = MEDIA_CONTENT_SECURITY_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response
