"""The errors a client of the gateway can see, each with a stable ``extensions.code``.

::

    GatewayError              (code set by each subclass)
    ├── BadRequest            BAD_REQUEST       the HTTP request carries no runnable operation:
    │                                           no query, bad JSON, a batch, wrong content type
    ├── Unauthenticated       UNAUTHENTICATED   token missing, malformed or refused by Visma
    ├── Forbidden             FORBIDDEN         Visma refused the token access (403)
    ├── NotFound              NOT_FOUND         the record does not exist (404)
    ├── BadUserInput          BAD_USER_INPUT    arguments the gateway or Visma rejected (400)
    ├── Conflict              CONFLICT          the record changed since it was read (412)
    ├── RateLimited           RATE_LIMITED      Visma's hourly budget is spent (429)
    ├── QueryTooCostly        QUERY_TOO_COSTLY  the query would cost too many upstream calls,
    │                                           or spent the calls it was admitted with
    ├── ResultTooLarge        RESULT_TOO_LARGE  the query could return too many objects
    ├── PayloadTooLarge       PAYLOAD_TOO_LARGE body, document or variables above their limits
    ├── TooManySubscriptions  TOO_MANY_SUBSCRIPTIONS  a websocket holds its maximum already
    ├── OperationTimeout      OPERATION_TIMEOUT the operation as a whole outlived its timeout
    │                                           (plus a grace) and was cancelled
    ├── IdempotencyStoreUnavailable
    │                         IDEMPOTENCY_STORE_UNAVAILABLE  a keyed write was not sent: the
    │                                                        store of keys is unreachable
    ├── UpstreamError         UPSTREAM_ERROR    Visma failed (5xx) or answered nonsense
    │   ├── UpstreamTimeout   UPSTREAM_TIMEOUT  Visma did not answer in time
    │   └── UpstreamOutcomeUnknown
    │                         UPSTREAM_OUTCOME_UNKNOWN  a write was sent but its answer was lost
    └── PersistedQueryError   (persisted queries, gateway/edge/persisted_queries.py)
        ├── PersistedQueryNotFound      PERSISTED_QUERY_NOT_FOUND      hash unknown: send the text
        ├── PersistedQueryNotAllowed    PERSISTED_QUERY_NOT_ALLOWED    not in the allow-list
        └── PersistedQueryNotSupported  PERSISTED_QUERY_NOT_SUPPORTED  persisted queries are off

Documents graphql-core refuses (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED) and masked
errors (INTERNAL_SERVER_ERROR) get their codes in ``gateway/edge/request_errors.py``.

Upstream HTTP answers become these in exactly one place, ``from_upstream_response``; transport
failures in ``from_transport_error`` (reads) and ``from_write_transport_error`` (writes, where
a failure after sending leaves the outcome unknown). Anything else raised while resolving is
masked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, ClassVar

import httpx
from graphql import GraphQLError


class GatewayError(Exception):
    """Base of every error that is shown to clients as it is."""

    code: ClassVar[str] = "UPSTREAM_ERROR"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    @property
    def extensions(self) -> dict[str, Any]:
        """Picked up by graphql-core as the error's ``extensions``."""
        return {"code": self.code, **self.details}

    def graphql_error(self) -> GraphQLError:
        """This error as an entry of a GraphQL answer's ``errors``, for refusals made
        outside a field (before execution, or of a whole operation)."""
        return GraphQLError(self.message, extensions=self.extensions)


class Unauthenticated(GatewayError):
    code = "UNAUTHENTICATED"


class Forbidden(GatewayError):
    code = "FORBIDDEN"


class NotFound(GatewayError):
    code = "NOT_FOUND"


class BadRequest(GatewayError):
    code = "BAD_REQUEST"


class BadUserInput(GatewayError):
    code = "BAD_USER_INPUT"


class Conflict(GatewayError):
    code = "CONFLICT"


class RateLimited(GatewayError):
    code = "RATE_LIMITED"


class QueryTooCostly(GatewayError):
    code = "QUERY_TOO_COSTLY"


class PayloadTooLarge(GatewayError):
    code = "PAYLOAD_TOO_LARGE"


class TooManySubscriptions(GatewayError):
    code = "TOO_MANY_SUBSCRIPTIONS"


class OperationTimeout(GatewayError):
    code = "OPERATION_TIMEOUT"


class IdempotencyStoreUnavailable(GatewayError):
    code = "IDEMPOTENCY_STORE_UNAVAILABLE"


class ResultTooLarge(GatewayError):
    code = "RESULT_TOO_LARGE"


class UpstreamError(GatewayError):
    code = "UPSTREAM_ERROR"


class UpstreamTimeout(UpstreamError):
    code = "UPSTREAM_TIMEOUT"


class UpstreamOutcomeUnknown(UpstreamError):
    code = "UPSTREAM_OUTCOME_UNKNOWN"


class PersistedQueryError(GatewayError):
    """Refusals of the persisted-query protocol, answered before anything runs."""


class PersistedQueryNotFound(PersistedQueryError):
    code = "PERSISTED_QUERY_NOT_FOUND"


class PersistedQueryNotAllowed(PersistedQueryError):
    code = "PERSISTED_QUERY_NOT_ALLOWED"


class PersistedQueryNotSupported(PersistedQueryError):
    code = "PERSISTED_QUERY_NOT_SUPPORTED"


MAX_UPSTREAM_MESSAGE = 500


def upstream_message(body: bytes) -> str | None:
    """The human-readable part of a Visma error body, in any of its known shapes, cut to
    ``MAX_UPSTREAM_MESSAGE`` characters (it is relayed to clients and logged)."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    for key in ("message", "Message", "ExceptionMessage"):
        value = data.get(key)
        if isinstance(value, str) and value:
            if len(value) > MAX_UPSTREAM_MESSAGE:
                return value[:MAX_UPSTREAM_MESSAGE] + "…"
            return value
    return None


def from_upstream_response(
    status: int, body: bytes, headers: Mapping[str, str], resource: str
) -> GatewayError:
    """Translate a non-2xx answer of Visma into the error the client sees."""
    message = upstream_message(body)
    if status == 401:
        return Unauthenticated(
            f"Visma.net refused the token: {message or 'unauthorized'}", upstreamStatus=status
        )
    if status == 403:
        scopes = _insufficient_scope(headers.get("www-authenticate"))
        if scopes:
            return Forbidden(
                f"The token lacks the scope {' or '.join(scopes)} that Visma.net requires",
                requiredScopes=scopes,
                upstreamStatus=status,
            )
        return Forbidden(
            f"The token has no access to {resource}: {message or 'forbidden'}",
            upstreamStatus=status,
        )
    if status == 404:
        return NotFound(f"{resource} was not found", upstreamStatus=status)
    if status == 412:
        return Conflict(f"{resource} was changed by someone else", upstreamStatus=status)
    if status == 429:
        retry_after = _retry_after_seconds(headers.get("retry-after"))
        return RateLimited(
            "The Visma.net call budget of this company is spent; retry later",
            retryAfter=retry_after,
            upstreamStatus=status,
        )
    if 400 <= status < 500:
        return BadUserInput(
            f"Visma.net rejected the request for {resource}: {message or f'HTTP {status}'}",
            upstreamStatus=status,
        )
    return UpstreamError(
        f"Visma.net failed to answer for {resource} (HTTP {status})", upstreamStatus=status
    )


class ResponseTooLarge(httpx.ProtocolError):
    """Visma's answer is larger than the configured cap (raised by the capped transport)."""


def from_transport_error(error: httpx.TransportError, resource: str) -> GatewayError:
    """Translate a failure to reach Visma (no HTTP answer) into the error the client sees."""
    if isinstance(error, httpx.TimeoutException):
        return UpstreamTimeout(f"Visma.net did not answer in time for {resource}")
    if isinstance(error, ResponseTooLarge):
        return UpstreamError(f"{error} for {resource}")
    return UpstreamError(f"Visma.net could not be reached for {resource}")


def from_write_transport_error(error: httpx.TransportError, resource: str) -> GatewayError:
    """Translate a failed write: before the request left, nothing was written; after, Visma
    may or may not have written it, and the client must check before trying again."""
    if isinstance(error, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return from_transport_error(error, resource)
    what = "did not answer in time" if isinstance(error, httpx.TimeoutException) else "broke off"
    return UpstreamOutcomeUnknown(
        f"Visma.net {what} after the write to {resource} was sent; it may or may not have "
        "been applied. Read the record before trying again."
    )


def _insufficient_scope(challenge: str | None) -> list[str]:
    """The scopes a ``WWW-Authenticate: Bearer error="insufficient_scope", scope="…"``
    challenge (RFC 6750) asks for; none for any other answer."""
    if not challenge or "insufficient_scope" not in challenge:
        return []
    match = re.search(r'scope="([^"]*)"', challenge)
    return match[1].split() if match else []


def _retry_after_seconds(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return max(0, int(float(value)))
    except ValueError:
        return None
