"""A minimal Visma Connect: the authorization code flow with PKCE (S256), for sign-in tests.

``GET /connect/authorize`` approves at once, as a signed-in demo user of company A, and
redirects to ``redirect_uri`` with ``code`` and ``state``; the token grants the ERP API
scopes the request asked for, and no others. ``POST /connect/token`` takes
``grant_type=authorization_code`` with the client's credentials (HTTP Basic or form fields),
the same ``redirect_uri`` and the ``code_verifier`` whose S256 hash is the challenge, and
answers ``{"access_token": ..., "token_type": "Bearer", "expires_in": 3600}``. Refusals are
OAuth JSON errors (``invalid_request``, ``invalid_client``, ``invalid_grant``, ...).

Codes are self-contained (the request they answer, signed with a per-process key), so the
authorize endpoint needs no state and can also be served by the gateway in demo mode; each
``Connect`` accepts a code once.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from gateway.simulator.tokens import COMPANY_A_TENANT, INTERACTIVE_SCOPES, demo_token

DEMO_CLIENT_ID = "visma-gateway-demo"
DEMO_CLIENT_SECRET = "visma-gateway-demo-secret"  # noqa: S105 - the simulator's public demo client
SIGNED_IN_SUBJECT = "signed-in-demo-user"
CODE_LIFETIME = 120
TOKEN_LIFETIME = 3600

_KEY = secrets.token_bytes(32)


READ_ONLY = ("vismanet_erp_interactive_api:read",)


def signed_in_token(scopes: Sequence[str] = READ_ONLY) -> str:
    """The access token a sign-in asking for ``scopes`` (the ERP API ones; by default the
    gateway's read-only sign-in) yields: company A, another subject than the demo token's."""
    return demo_token(
        COMPANY_A_TENANT, subject=SIGNED_IN_SUBJECT, client_id=DEMO_CLIENT_ID, scopes=scopes
    )


def granted(requested: str) -> tuple[str, ...]:
    """The ERP API scopes of a sign-in's ``scope`` parameter, in the order Connect knows them."""
    asked = set(requested.split())
    return tuple(scope for scope in INTERACTIVE_SCOPES if scope in asked)


def s256(verifier: str) -> str:
    """The PKCE S256 challenge of ``verifier``."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorizer(
    redirect_uris: Collection[str] | None,
) -> Callable[[Request], Awaitable[Response]]:
    """The authorize endpoint. It redirects only to ``redirect_uris``, the registered ones
    (the gateway's demo registers its own callback); None accepts any http(s) URL, for tests
    that play clients of their own."""

    async def endpoint(request: Request) -> Response:
        redirect_uri = request.query_params.get("redirect_uri", "")
        if redirect_uris is not None and redirect_uri not in redirect_uris:
            return _error("invalid_request", "redirect_uri is not registered for this client")
        return await authorize(request)

    return endpoint


async def authorize(request: Request) -> Response:
    """Approve the request and send the browser back with a code."""
    params = request.query_params
    redirect_uri = params.get("redirect_uri", "")
    target = urlsplit(redirect_uri)
    if (
        params.get("client_id") != DEMO_CLIENT_ID
        or target.scheme not in ("http", "https")
        or not target.netloc
        or target.fragment
    ):
        return _error("invalid_request", "unknown client or unusable redirect_uri")
    if (
        params.get("response_type") != "code"
        or params.get("code_challenge_method") != "S256"
        or not params.get("code_challenge")
        or not params.get("state")
    ):
        return _error("invalid_request", "expected response_type=code, S256 PKCE and a state")
    code = _sign(
        {
            "client_id": DEMO_CLIENT_ID,
            "redirect_uri": redirect_uri,
            "challenge": params["code_challenge"],
            "scope": params.get("scope", ""),
            "expires": time.time() + CODE_LIFETIME,
            "nonce": secrets.token_hex(8),
        }
    )
    separator = "&" if target.query else "?"
    query = urlencode({"code": code, "state": params["state"]})
    return RedirectResponse(f"{redirect_uri}{separator}{query}", status_code=302)


class Connect:
    """The token endpoint, remembering the codes it has exchanged."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    async def token(self, request: Request) -> Response:
        fields = dict(parse_qsl((await request.body()).decode("utf-8", "replace")))
        client_id, client_secret = _client_credentials(request, fields)
        if client_id != DEMO_CLIENT_ID or not hmac.compare_digest(
            client_secret.encode(), DEMO_CLIENT_SECRET.encode()
        ):
            return _error("invalid_client", "unknown client or wrong secret", status=401)
        if fields.get("grant_type") != "authorization_code":
            return _error("unsupported_grant_type", "only authorization_code is served")
        code = fields.get("code", "")
        grant = _verify(code)
        if grant is None or grant.expires < time.time() or code in self._used:
            return _error("invalid_grant", "the code is unknown, expired or used")
        if grant.client_id != client_id or grant.redirect_uri != fields.get("redirect_uri"):
            return _error("invalid_grant", "redirect_uri differs from the authorization request")
        verifier = fields.get("code_verifier", "")
        if not 43 <= len(verifier) <= 128 or not hmac.compare_digest(
            s256(verifier), grant.challenge
        ):
            return _error("invalid_grant", "the code_verifier does not match the challenge")
        self._used.add(code)
        return JSONResponse(
            {
                "access_token": signed_in_token(granted(grant.scope)),
                "token_type": "Bearer",
                "expires_in": TOKEN_LIFETIME,
                "scope": grant.scope,
            },
            headers={"Cache-Control": "no-store"},
        )


def _client_credentials(request: Request, fields: dict[str, str]) -> tuple[str, str]:
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic":
        try:
            user, _, password = base64.b64decode(encoded).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return "", ""
        return user, password
    return fields.get("client_id", ""), fields.get("client_secret", "")


def _sign(payload: dict[str, object]) -> str:
    body = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    mac = hmac.new(_KEY, body.encode(), hashlib.sha256).hexdigest()
    return f"{body}.{mac}"


@dataclass(frozen=True)
class _Grant:
    client_id: str
    redirect_uri: str
    challenge: str
    scope: str
    expires: float


def _verify(code: str) -> _Grant | None:
    body, _, mac = code.partition(".")
    expected = hmac.new(_KEY, body.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, expected):
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        return _Grant(
            client_id=str(payload["client_id"]),
            redirect_uri=str(payload["redirect_uri"]),
            challenge=str(payload["challenge"]),
            scope=str(payload["scope"]),
            expires=float(payload["expires"]),
        )
    except (binascii.Error, ValueError, KeyError, TypeError):
        return None


def _error(error: str, description: str, *, status: int = 400) -> JSONResponse:
    return JSONResponse(
        {"error": error, "error_description": description},
        status_code=status,
        headers={"Cache-Control": "no-store"},
    )
