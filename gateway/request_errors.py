"""Error answers on /graphql as GraphQL JSON, each error with an ``extensions.code``.

Strawberry answers requests that carry no runnable operation (bad JSON, a batch, an
unreadable body) with plain text; here they get ``{"errors": [{"message": …, "extensions":
{"code": "BAD_REQUEST"}}]}``, with status 400, or 415 for a body that is not JSON. Errors of
graphql-core and masked ones, which come without a code, get one in ``code_errors``.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphql import GraphQLError
from starlette.datastructures import Headers
from starlette.responses import JSONResponse

from gateway.errors import BadRequest

NO_QUERY = (
    "No GraphQL query found in the request: send `query` as a GET parameter or in a JSON "
    "POST body (a browser asking for text/html gets the explorer here)"
)
NOT_JSON = "The request body must be JSON: send POST with Content-Type: application/json"
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_WILDCARDS = ("*/*", "text/*")
_JSON_TYPES = ("application/json", "application/graphql-response+json")


def request_error(message: str, status_code: int = 400) -> JSONResponse:
    """A GraphQL error body for a request the gateway cannot run."""
    error = BadRequest(message)
    return JSONResponse(
        {"errors": [{"message": error.message, "extensions": error.extensions}]},
        status_code=status_code,
    )


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
    """Whether a POST declares a JSON body (the only kind of body the gateway reads)."""
    media_type = headers.get("content-type", "").split(";")[0].strip().lower()
    return media_type == "application/json"


def code_errors(errors: Iterable[GraphQLError]) -> None:
    """Gives each error without an ``extensions.code`` one, named as Apollo Server names them:
    GRAPHQL_PARSE_FAILED (the document does not parse), GRAPHQL_VALIDATION_FAILED (it does not
    fit the schema or the query limits), INTERNAL_SERVER_ERROR (an error in a field that is not
    one of ours: the masked "Unexpected error.")."""
    for error in errors:
        if (error.extensions or {}).get("code"):
            continue
        if error.path:
            code = "INTERNAL_SERVER_ERROR"
        elif error.message.startswith("Syntax Error"):
            code = "GRAPHQL_PARSE_FAILED"
        else:
            code = "GRAPHQL_VALIDATION_FAILED"
        error.extensions = {**(error.extensions or {}), "code": code}
