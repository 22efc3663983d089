"""Error responses in the shapes the Visma.net API uses.

Handlers raise :class:`ApiError`; the app turns it into a JSON response. Bodies follow what
clients observe from Visma: ``{"message": ...}`` (often prefixed with a ``VismaId``), the IPP
exception form for licence problems, and the APIM form for throttling.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

NO_RESOURCE_MESSAGE = "No HTTP resource was found that matches the request URI."
DENIED_MESSAGE = "Authorization has been denied for this request."


class ApiError(Exception):
    """An HTTP error answer: status, JSON body and extra headers."""

    def __init__(
        self, status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(status, body)
        self.status = status
        self.body = body
        self.headers = dict(headers or {})


def upstream_message_of(body: Mapping[str, Any]) -> str | None:
    """The text of an error body, in whichever of the shapes above it has."""
    for key in ("message", "ExceptionMessage"):
        value = body.get(key)
        if isinstance(value, str):
            return value
    return None


def visma_message(text: str) -> dict[str, Any]:
    """A ``{"message": "VismaId: <uuid>. <text>"}`` body, as validation errors carry."""
    return {"message": f"VismaId: {uuid.uuid4()}. {text}"}


def bad_request(text: str) -> ApiError:
    return ApiError(400, visma_message(text))


def not_found(resource: str, ident: str) -> ApiError:
    return ApiError(404, visma_message(f"{resource} '{ident}' was not found."))


def no_resource() -> ApiError:
    return ApiError(404, {"message": NO_RESOURCE_MESSAGE})


def method_not_allowed(method: str) -> ApiError:
    message = f"The requested resource does not support http method '{method}'."
    return ApiError(405, {"message": message}, {"Allow": "GET"})


def access_denied() -> ApiError:
    return ApiError(401, {"message": DENIED_MESSAGE}, {"WWW-Authenticate": "Bearer"})


def no_license() -> ApiError:
    body = {
        "ExceptionType": "IPPException",
        "ExceptionMessage": "No license for this company",
        "ExceptionFaultCode": "12027",
        "ExceptionMessageID": f"12027_{uuid.uuid4()}",
        "ExceptionDetails": "",
    }
    return ApiError(401, body)


def insufficient_scope(scopes: Iterable[str]) -> ApiError:
    """The 403 of a token without the scope a call needs, with the RFC 6750 challenge that
    names the scopes that would do."""
    challenge = f'Bearer error="insufficient_scope", scope="{" ".join(sorted(scopes))}"'
    return ApiError(
        403,
        visma_message("The token does not grant access to this resource."),
        {"WWW-Authenticate": challenge},
    )


def rate_limited(retry_after: int | None) -> ApiError:
    """The APIM throttling answer; ``retry_after`` also becomes the Retry-After header."""
    if retry_after is None:
        return ApiError(429, {"statusCode": 429, "message": "Rate limit is exceeded."})
    message = f"Rate limit is exceeded. Try again in {retry_after} seconds."
    return ApiError(429, {"statusCode": 429, "message": message}, {"Retry-After": str(retry_after)})


def injected(status: int, retry_after: int | None, message: str | None = None) -> ApiError:
    """The answer for an injected fault of the given status, shaped like Visma's own
    (``message``, when given, in place of the usual text of a 4xx)."""
    if status == 429:
        return rate_limited(retry_after)
    headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
    if status >= 500:
        body: dict[str, Any] = {"message": "An error has occurred."}
    elif status == 401:
        body = {"message": DENIED_MESSAGE}
    elif status == 404:
        body = {"message": NO_RESOURCE_MESSAGE}
    else:
        body = visma_message(message or "The request could not be processed.")
    return ApiError(status, body, headers)


def precondition_failed(resource: str) -> ApiError:
    """The 412 a write with a stale ``If-Match`` gets."""
    return ApiError(412, visma_message(f"{resource} version does not match with If-Match header."))


def invalid_field(name: str, problem: str) -> ApiError:
    """A validation error naming the DTO field, as Visma words them."""
    return bad_request(f"Error: '{name}' {problem}")
