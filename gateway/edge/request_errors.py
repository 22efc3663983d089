"""Error answers on /graphql as GraphQL JSON, each error with an ``extensions.code``.

Strawberry answers requests that carry no runnable operation (bad JSON, a batch, an
unreadable body) with plain text; here they get ``{"errors": [{"message": …, "extensions":
{"code": "BAD_REQUEST"}}]}``, with status 400, or 415 for a body that is not JSON. Errors of
an operation get their codes in ``schema.error_codes``.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.responses import JSONResponse

from gateway.errors import BadRequest, GatewayError

NO_QUERY = (
    "No GraphQL query found in the request: send `query` as a GET parameter or in a JSON "
    "POST body (a browser asking for text/html gets the explorer here)"
)
NOT_JSON = (
    "The request body must be JSON: send POST with Content-Type: application/json (or "
    "multipart/form-data for a GraphQL multipart request uploading a file)"
)
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_WILDCARDS = ("*/*", "text/*")
_JSON_TYPES = ("application/json", "application/graphql-response+json")


def error_response(
    error: GatewayError, status_code: int, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """A GraphQL error body holding ``error`` alone, for an answer given before any
    operation runs."""
    return JSONResponse(
        {"errors": [error.graphql_error().formatted]}, status_code=status_code, headers=headers
    )


def request_error(message: str, status_code: int = 400) -> JSONResponse:
    """A GraphQL error body for a request the gateway cannot run."""
    return error_response(BadRequest(message), status_code)


def wants_page(headers: Headers) -> bool:
    """Whether a GET without an operation asks for the explorer page rather than for JSON:
    it accepts HTML by name, or accepts anything (or says nothing) and names no JSON type."""
    accept = headers.get("accept")
    if accept is None:
        return True
    types = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    if types & set(_PAGE_TYPES):
        return True
    return bool(types & set(_WILDCARDS)) and not types & set(_JSON_TYPES)


def is_json_body(headers: Headers) -> bool:
    """Whether a POST declares a JSON body."""
    return _media_type(headers) == "application/json"


def is_readable_body(headers: Headers) -> bool:
    """Whether a POST declares a body the gateway reads: JSON, or a GraphQL multipart
    request (a file upload)."""
    return _media_type(headers) in ("application/json", "multipart/form-data")


def _media_type(headers: Headers) -> str:
    return headers.get("content-type", "").split(";")[0].strip().lower()
