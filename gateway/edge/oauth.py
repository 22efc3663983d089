""" "Sign in with Visma" for the explorer: the OAuth 2 authorization code flow with PKCE.

``/auth/login`` makes a state and a PKCE verifier, keeps them in a short-lived HMAC-signed,
HttpOnly, SameSite=Lax cookie, and redirects to Visma Connect's authorize endpoint with the S256
challenge. ``/auth/callback`` checks the state against the cookie in constant time, exchanges
the code at the token endpoint (client credentials, verifier and the same redirect URI), and
hands the access token to the explorer page in the browser's sessionStorage.

The redirect URI sent is always the configured one, never anything taken from a request. Codes,
verifiers and tokens are never logged: refusals log their reason only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from gateway.edge.explorer import STATIC_PATH
from gateway.settings import Settings

log = logging.getLogger(__name__)

COOKIE_NAME = "visma_gateway_sign_in"
COOKIE_PATH = "/auth"
COOKIE_LIFETIME = 600
# In demo mode without VISMA_OAUTH_* the embedded simulator signs users in: its authorize
# endpoint is served on the gateway's origin, its token endpoint answers behind the upstream
# transport (gateway.app.SIMULATOR_ORIGIN).
DEMO_AUTHORIZE_PATH = "/simulator/connect/authorize"
DEMO_TOKEN_URL = "http://visma-simulator.invalid/connect/token"  # noqa: S105 - a URL
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}

# RFC 6749 error codes are lowercase words joined by underscores.
_OAUTH_ERROR = re.compile(r"[a-z_]{1,64}")

_CALLBACK_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Signed in</title></head>
<body>
<p>Signed in with Visma. Back to the <a href="/graphql">explorer</a>…</p>
<script id="sign-in-result" type="application/json">{result}</script>
<script src="{static}/signed-in.js"></script>
</body>
</html>
"""


@dataclass(frozen=True)
class OAuthClient:
    """The OAuth client the explorer signs in with."""

    client_id: str
    client_secret: str
    redirect_uri: str
    scopes: str
    authorize_url: str
    token_url: str

    def __repr__(self) -> str:
        return f"OAuthClient(client_id={self.client_id!r}, redirect_uri={self.redirect_uri!r})"


def oauth_client(settings: Settings) -> OAuthClient | None:
    """The configured client; in demo mode with only a redirect URI, the simulator's demo
    client; otherwise None (no sign-in offered)."""
    if settings.oauth_client_id:
        return OAuthClient(
            client_id=settings.oauth_client_id,
            client_secret=settings.oauth_client_secret,
            redirect_uri=settings.oauth_redirect_uri,
            scopes=settings.oauth_scopes,
            authorize_url=settings.oauth_authorize_url,
            token_url=settings.oauth_token_url,
        )
    if settings.demo and settings.oauth_redirect_uri:
        from gateway.simulator.connect import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

        return OAuthClient(
            client_id=DEMO_CLIENT_ID,
            client_secret=DEMO_CLIENT_SECRET,
            redirect_uri=settings.oauth_redirect_uri,
            scopes=settings.oauth_scopes,
            authorize_url=DEMO_AUTHORIZE_PATH,
            token_url=DEMO_TOKEN_URL,
        )
    return None


def pkce_challenge(verifier: str) -> str:
    """The S256 code challenge of a PKCE verifier (RFC 7636)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class SignIn:
    """The ``/auth/login`` and ``/auth/callback`` endpoints of one OAuth client."""

    def __init__(
        self,
        client: OAuthClient,
        secret: bytes,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.client = client
        self.secret = secret
        self.transport = transport
        self.timeout = timeout
        self.secure_cookie = client.redirect_uri.startswith("https://")

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/auth/login", self.login, methods=["GET"]),
            Route("/auth/callback", self.callback, methods=["GET"]),
        ]

    def seal(self, state: str, verifier: str, *, lifetime: int = COOKIE_LIFETIME) -> str:
        """The signed cookie value that carries one sign-in's state and verifier."""
        payload = json.dumps({"state": state, "verifier": verifier, "exp": time.time() + lifetime})
        body = base64.urlsafe_b64encode(payload.encode()).rstrip(b"=").decode()
        return f"{body}.{self._mac(body)}"

    def unseal(self, value: str) -> tuple[str, str] | None:
        """(state, verifier) of a cookie this gateway signed and that has not expired."""
        body, _, mac = value.partition(".")
        if not hmac.compare_digest(mac, self._mac(body)):
            return None
        try:
            payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            state, verifier, expires = payload["state"], payload["verifier"], payload["exp"]
        except (ValueError, KeyError, TypeError):
            return None
        if not isinstance(state, str) or not isinstance(verifier, str) or expires < time.time():
            return None
        return state, verifier

    async def login(self, request: Request) -> Response:
        state = secrets.token_urlsafe(32)
        verifier = secrets.token_urlsafe(64)
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client.client_id,
                "redirect_uri": self.client.redirect_uri,
                "scope": self.client.scopes,
                "state": state,
                "code_challenge": pkce_challenge(verifier),
                "code_challenge_method": "S256",
            }
        )
        separator = "&" if "?" in self.client.authorize_url else "?"
        response = RedirectResponse(
            f"{self.client.authorize_url}{separator}{query}", status_code=302, headers=NO_STORE
        )
        response.set_cookie(
            COOKIE_NAME,
            self.seal(state, verifier),
            max_age=COOKIE_LIFETIME,
            path=COOKIE_PATH,
            secure=self.secure_cookie,
            httponly=True,
            samesite="lax",
        )
        return response

    async def callback(self, request: Request) -> Response:
        params = request.query_params
        if "error" in params:
            # Named only when it is an OAuth error code: the parameter is anyone's to write.
            error = params["error"]
            named = f" ({error})" if _OAUTH_ERROR.fullmatch(error) else ""
            return self._refuse(f"Visma Connect did not sign you in{named}.")
        sealed = self.unseal(request.cookies.get(COOKIE_NAME, ""))
        if sealed is None:
            return self._refuse("The sign-in expired or was not started here. Sign in again.")
        state, verifier = sealed
        if not hmac.compare_digest(params.get("state", "").encode(), state.encode()):
            return self._refuse("The sign-in state does not match. Sign in again.")
        code = params.get("code")
        if not code:
            return self._refuse("Visma Connect sent no authorization code.")
        token = await self._exchange(code, verifier)
        if token is None:
            return self._refuse("Visma Connect refused the sign-in. Sign in again.", status=502)
        result = json.dumps({"accessToken": token}).replace("<", "\\u003c")
        response = HTMLResponse(
            _CALLBACK_PAGE.format(result=result, static=STATIC_PATH),
            headers={**NO_STORE, "Referrer-Policy": "no-referrer"},
        )
        self._forget(response)
        return response

    async def _exchange(self, code: str, verifier: str) -> str | None:
        # A client per sign-in: this is Visma Connect, not the ERP API behind the one
        # upstream client, and sign-ins are rare.
        async with httpx.AsyncClient(transport=self.transport, timeout=self.timeout) as http:
            try:
                answer = await http.post(
                    self.client.token_url,
                    data={
                        "grant_type": "authorization_code",
                        "code": code,
                        "redirect_uri": self.client.redirect_uri,
                        "code_verifier": verifier,
                    },
                    auth=(self.client.client_id, self.client.client_secret),
                    headers={"Accept": "application/json"},
                )
            except httpx.HTTPError as error:
                log.warning("sign-in: token endpoint unreachable (%s)", type(error).__name__)
                return None
        try:
            body = answer.json()
        except ValueError:
            body = None
        token = body.get("access_token") if isinstance(body, dict) else None
        if answer.status_code != 200 or not isinstance(token, str) or not token:
            error_code = body.get("error") if isinstance(body, dict) else None
            log.info("sign-in refused by the token endpoint: %s %s", answer.status_code, error_code)
            return None
        return token

    def _refuse(self, message: str, *, status: int = 400) -> Response:
        log.info("sign-in refused: %s", message)
        response = PlainTextResponse(message, status_code=status, headers=NO_STORE)
        self._forget(response)
        return response

    def _forget(self, response: Response) -> None:
        response.delete_cookie(
            COOKIE_NAME,
            path=COOKIE_PATH,
            secure=self.secure_cookie,
            httponly=True,
            samesite="lax",
        )

    def _mac(self, body: str) -> str:
        return hmac.new(self.secret, body.encode(), hashlib.sha256).hexdigest()


def session_secret(settings: Settings) -> bytes:
    """``GATEWAY_SESSION_SECRET``, or a random key for this process (sign-ins in flight are
    then lost on restart, and replicas need the setting)."""
    if settings.session_secret:
        return settings.session_secret.encode()
    return secrets.token_bytes(32)
