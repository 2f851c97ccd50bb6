"""JSON bodies, read up to API_MAX_BODY_BYTES: DRF reads the request stream itself, past
Django's DATA_UPLOAD_MAX_MEMORY_SIZE check, so the limit is kept here (413 beyond it)."""

import io

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from api.errors import PayloadTooLarge


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_BODY_BYTES
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and int(declared) > limit:
            raise PayloadTooLarge(limit)
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise PayloadTooLarge(limit)
        try:
            return super().parse(io.BytesIO(body), media_type, parser_context)
        except ParseError as error:
            raise ParseError(_("The body is not valid JSON.")) from error
