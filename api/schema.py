"""Completes the generated OpenAPI schema with what drf-spectacular cannot see, so that a partner
can work from the documentation alone: every operation may answer an error in the one shape of
api.errors (4XX); a public operation answers with ETag and Last-Modified and takes
If-None-Match / If-Modified-Since for a 304 (api.caching); a token operation may answer 429
with Retry-After (api.throttles). The schema's description says how the whole API behaves."""

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string", "description": "For programs; never translated."},
                "message": {"type": "string", "description": "For people (Accept-Language)."},
                "fields": {
                    "type": "object",
                    "description": "What is wrong with each named parameter or body field.",
                },
            },
        }
    },
}


DESCRIPTION = """\
The talent program's editions, films, people and screenings (public, no token), and for partners
with a token: enrolments, films' public information, screening lineups, milestone submissions,
and the open call's applications and reviews.

**Public endpoints** need no token and are the same for everybody. Every answer carries a strong
`ETag` and `Last-Modified`; send them back as `If-None-Match` or `If-Modified-Since` and an
unchanged answer is a `304` without a body.

**Token endpoints** take `Authorization: Bearer <token>`. Staff make tokens in the workspace for
a staff member, with scopes (each operation names the one it needs), an expiry and a rate
limit per minute; over it the answer is `429` with `Retry-After` (seconds). No token, an
unknown, expired or revoked one: `401`; a token without the scope: `403`.

**Lists** are paginated (`page`, `page_size` up to 100; `count`, `next`, `previous`,
`results`). A parameter an endpoint does not know, or a malformed value, answers `400` naming
it.

**Errors** all have one shape (`Error` below): `code` for programs, `message` for people in the
request's `Accept-Language` (Chinese or English), `fields` naming what is wrong.

**Webhooks**: staff register addresses for events (`film.published`, `film.changed`,
`screening.published`, `submission.reviewed`, `application.submitted`, `decision.sent`). Each
is a JSON POST `{"id", "event", "occurred_at", "data"}` signed with HMAC-SHA256 over
`<X-Talents-Timestamp>.<body>` with the endpoint's secret, in `X-Talents-Signature` as
`sha256=<hex>`; `X-Talents-Delivery` stays the same across retries (5xx, 408, 429, timeouts,
with backoff) and re-sends.
"""

ETAG = {"description": "A strong validator of this answer.", "schema": {"type": "string"}}
LAST_MODIFIED = {
    "description": "When the public content last changed (an HTTP date).",
    "schema": {"type": "string"},
}
REVALIDATION_PARAMETERS = [
    {
        "name": "If-None-Match",
        "in": "header",
        "required": False,
        "description": "The ETag of an answer you have: 304 if it is still current.",
        "schema": {"type": "string"},
    },
    {
        "name": "If-Modified-Since",
        "in": "header",
        "required": False,
        "description": "The Last-Modified of an answer you have: 304 if nothing changed since.",
        "schema": {"type": "string"},
    },
]
NOT_MODIFIED = {
    "description": "Not modified: the answer you have (its ETag) is current. No body.",
    "headers": {"ETag": ETAG},
}


def _error(description: str, headers: dict | None = None) -> dict:
    response = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if headers:
        response["headers"] = headers
    return response


RATE_LIMITED = _error(
    "Over the token's requests per minute.",
    {
        "Retry-After": {
            "description": "Seconds until the token may call again.",
            "required": True,
            "schema": {"type": "integer", "minimum": 1},
        }
    },
)


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    result.setdefault("info", {})["description"] = DESCRIPTION
    error = _error("An error, in the shape every error of this API has.")
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            responses = operation.setdefault("responses", {})
            responses["4XX"] = error
            if operation.get("security"):
                responses["429"] = RATE_LIMITED
            elif method == "get":
                _revalidation(operation)
    return result


def _revalidation(operation: dict) -> None:
    """A public GET: validators on its 200, and the conditional request that answers 304."""
    operation.setdefault("parameters", []).extend(REVALIDATION_PARAMETERS)
    ok = operation["responses"].get("200")
    if ok is not None:
        ok["headers"] = {
            "ETag": {**ETAG, "required": True},
            "Last-Modified": {**LAST_MODIFIED, "required": True},
        }
    operation["responses"]["304"] = NOT_MODIFIED
