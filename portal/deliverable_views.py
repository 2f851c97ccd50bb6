"""The director's video file arriving in chunks: a server for the tus protocol
(https://tus.io/protocols/resumable-upload, version 1.0.0, the core and its creation
extension), which the vendored tus-js-client speaks (static/js/deliverable-upload.js).

POST creates the upload after the same checks as a submission (the director's film, a video
milestone, open, within its size limit) and answers its address; HEAD says how many bytes are
confirmed, so a client resumes from there after a dropped connection or a closed tab; PATCH
appends one chunk, streamed to disk (films.services.deliverables); DELETE gives it up. The
finished upload is handed in with the milestone's submission form (portal.views).

With object storage the browser sends the parts straight to the private bucket (S3 multipart,
core.multipart_uploads) and these views only speak JSON about them: start (after the same
checks), sign a batch of parts (each URL signed with the part's SHA-256), list the parts the
bucket holds (to resume), complete, abort. No byte of the file reaches a web process."""

import base64
import binascii
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.chunked_uploads import ChunkBusy
from films import services
from films.access import get_film_for_director
from films.models import DeliverableUpload
from films.services.deliverables import OffsetMismatch

TUS_VERSION = "1.0.0"
CHUNK_CONTENT_TYPE = "application/offset+octet-stream"


def _tus(response: HttpResponse) -> HttpResponse:
    response["Tus-Resumable"] = TUS_VERSION
    response["Cache-Control"] = "no-store"
    return response


def _refused(message: str, status: int = 400) -> HttpResponse:
    """The uploader shows the body to the director as it is."""
    return _tus(HttpResponse(message, status=status, content_type="text/plain; charset=utf-8"))


def _header_number(request: HttpRequest, name: str) -> int | None:
    value = request.headers.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 20 else None


def _metadata(header: str) -> dict[str, str]:
    """tus's Upload-Metadata: comma-separated "key base64value" pairs; bad pairs are dropped."""
    pairs = {}
    for pair in header.split(",")[:20]:
        key, _space, encoded = pair.strip().partition(" ")
        try:
            pairs[key] = base64.b64decode(encoded, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
    return pairs


@login_required
@require_POST
def upload_create(request: HttpRequest, film_id: int, milestone_id: int) -> HttpResponse:
    film = get_film_for_director(request.user, film_id)
    milestone = get_object_or_404(film.cohort.milestones, pk=milestone_id)
    size = _header_number(request, "Upload-Length")
    if size is None:
        return _refused(_("The uploader did not say how large the file is."))
    filename = _metadata(request.headers.get("Upload-Metadata", "")).get("filename", "")
    try:
        upload = services.deliverable_upload_start(
            film=film, milestone=milestone, user=request.user, filename=filename, size=size
        )
    except ValidationError as error:
        return _refused(" ".join(error.messages))
    response = HttpResponse(status=201)
    response["Location"] = reverse("portal:upload", kwargs={"token": upload.token})
    return _tus(response)


def _upload_for_director(request: HttpRequest, token) -> DeliverableUpload:
    """Only its uploader, while still the film's director, reaches an upload: 404 for all."""
    upload = DeliverableUpload.objects.filter(token=token, created_by=request.user).first()
    if upload is None:
        raise Http404
    get_film_for_director(request.user, upload.film_id)
    return upload


@login_required
@require_http_methods(["HEAD", "PATCH", "DELETE"])
def upload_detail(request: HttpRequest, token) -> HttpResponse:
    upload = _upload_for_director(request, token)
    if request.method == "PATCH":
        return _append(request, upload)
    if request.method == "DELETE":
        services.deliverable_upload_cancel(upload=upload)
        return _tus(HttpResponse(status=204))
    response = HttpResponse(status=200)
    response["Upload-Offset"] = str(upload.offset)
    response["Upload-Length"] = str(upload.size)
    return _tus(response)


def _append(request: HttpRequest, upload: DeliverableUpload) -> HttpResponse:
    if request.content_type != CHUNK_CONTENT_TYPE:
        return _refused(_("The uploader sent the file in a form the server does not take."), 415)
    offset = _header_number(request, "Upload-Offset")
    length = _header_number(request, "Content-Length")
    if offset is None or length is None:
        return _refused(_("The uploader did not say where this piece of the file goes."))
    try:
        # The body is read from the request's stream, a block at a time: never request.body.
        new_offset = services.deliverable_upload_append(
            upload=upload, offset=offset, body=request, length=length
        )
    except OffsetMismatch:
        return _refused(_("This piece does not follow the last one received."), 409)
    except ChunkBusy:
        return _refused(_("Another window is sending this file right now."), 423)
    except ValidationError as error:
        return _refused(" ".join(error.messages))
    response = HttpResponse(status=204)
    response["Upload-Offset"] = str(new_offset)
    return _tus(response)


# The S3 multipart path: JSON in, JSON out; refusals are {"error": one sentence to show}.
JSON_BODY_MAX_BYTES = 64 * 1024


def _json_refused(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, headers={"Cache-Control": "no-store"})


def _json_body(request: HttpRequest) -> dict | None:
    if len(request.body) > JSON_BODY_MAX_BYTES:
        return None
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


def _multipart_answer(upload: DeliverableUpload, status: int = 200, **extra) -> JsonResponse:
    token = str(upload.token)
    return JsonResponse(
        {
            "token": token,
            "size": upload.size,
            "partBytes": upload.part_bytes,
            "sign": reverse("portal:multipart_sign", kwargs={"token": token}),
            "parts": reverse("portal:multipart_parts", kwargs={"token": token}),
            "complete": reverse("portal:multipart_complete", kwargs={"token": token}),
            "abort": reverse("portal:multipart_abort", kwargs={"token": token}),
            **extra,
        },
        status=status,
        headers={"Cache-Control": "no-store"},
    )


def _multipart_for_director(request: HttpRequest, token) -> DeliverableUpload:
    upload = _upload_for_director(request, token)
    if not upload.is_multipart:
        raise Http404
    return upload


@login_required
@require_POST
def multipart_start(request: HttpRequest, film_id: int, milestone_id: int) -> JsonResponse:
    film = get_film_for_director(request.user, film_id)
    milestone = get_object_or_404(film.cohort.milestones, pk=milestone_id)
    body = _json_body(request)
    size = body.get("size") if body else None
    if not isinstance(size, int) or isinstance(size, bool):
        return _json_refused(_("The uploader did not say how large the file is."))
    filename = body.get("filename")
    try:
        upload = services.deliverable_upload_start(
            film=film,
            milestone=milestone,
            user=request.user,
            filename=filename if isinstance(filename, str) else "",
            size=size,
            direct=True,
        )
    except ValidationError as error:
        return _json_refused(" ".join(error.messages))
    return _multipart_answer(upload, status=201)


@login_required
@require_POST
def multipart_sign(request: HttpRequest, token) -> JsonResponse:
    """Body: {"parts": {"<number>": "<SHA-256, base64>", …}}; answer: {"urls": {number: url}}."""
    upload = _multipart_for_director(request, token)
    body = _json_body(request)
    asked = body.get("parts") if body else None
    if not isinstance(asked, dict) or not all(
        isinstance(n, str) and n.isascii() and n.isdigit() and len(n) < 6 for n in asked
    ):
        return _json_refused(_("The uploader described a piece of the file wrongly."))
    try:
        urls = services.deliverable_part_urls(
            upload=upload, checksums={int(n): c for n, c in asked.items()}
        )
    except ValidationError as error:
        return _json_refused(" ".join(error.messages))
    return JsonResponse({"urls": urls}, headers={"Cache-Control": "no-store"})


@login_required
@require_GET
def multipart_parts(request: HttpRequest, token) -> JsonResponse:
    """What the bucket holds, for a resuming uploader: the part numbers and sizes."""
    upload = _multipart_for_director(request, token)
    parts = services.deliverable_parts(upload=upload)
    done = [{"number": part.number, "size": part.size} for part in parts]
    return _multipart_answer(upload, done=done, finished=upload.is_complete)


@login_required
@require_POST
def multipart_complete(request: HttpRequest, token) -> JsonResponse:
    upload = _multipart_for_director(request, token)
    try:
        services.deliverable_upload_finish(upload=upload)
    except ValidationError as error:
        return _json_refused(" ".join(error.messages), 409)
    return _multipart_answer(upload, finished=True)


@login_required
@require_POST
def multipart_abort(request: HttpRequest, token) -> HttpResponse:
    upload = _multipart_for_director(request, token)
    services.deliverable_upload_cancel(upload=upload)
    return HttpResponse(status=204)
