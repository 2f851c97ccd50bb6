"""Public uploaded media served by Django itself, only while DEBUG is on (nginx serves /media/
in production with the same headers, deploy/nginx.conf); and the one way a confidential file
is handed out after a view's permission check."""

from pathlib import PurePath

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.static import serve

from core.storage import signed_download_url
from core.uploads import MEDIA_CONTENT_SECURITY_POLICY, safe_display_name


def serve_public_media(request: HttpRequest, path: str, document_root: str) -> HttpResponse:
    response = serve(request, path, document_root=document_root)
    # An image opened directly is a document of our origin: whatever it hides may not run.
    response["Content-Security-Policy"] = MEDIA_CONTENT_SECURITY_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response


def private_file_response(stored) -> HttpResponse:
    """A confidential file (a row with `file` in private storage and `original_filename`),
    after the caller's permission check: always an attachment under the uploader's cleaned
    name, never rendered; object storage hands out a short-lived signed link instead."""
    extension = PurePath(stored.file.name).suffix
    stem = PurePath(safe_display_name(stored.original_filename or "file")).stem
    filename = f"{stem or 'file'}{extension}"
    signed = signed_download_url(stored.file, filename=filename)
    if signed:
        return redirect(signed)
    response = FileResponse(stored.file.open("rb"), as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = MEDIA_CONTENT_SECURITY_POLICY
    return response
