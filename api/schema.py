"""Completes the generated OpenAPI schema with what drf-spectacular cannot see: every operation
may answer an error in the one shape of api.errors (4XX), a token operation 401/403/429, and
lists and token operations a 400 for their parameters or body."""

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


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    error = {
        "description": "An error, in the shape every error of this API has.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    for path in result.get("paths", {}).values():
        for operation in path.values():
            operation.setdefault("responses", {})["4XX"] = error
    return result
