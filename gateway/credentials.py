"""The caller's credentials, read once at the edge and carried down to every layer.

The raw token only ever travels to Visma in the ``Authorization`` header. Everything the
gateway keeps (cache keys, logs, metrics) uses the principal: a SHA-256 digest of the token.
A JWT's ``tenant_id``/``client_id`` claims are read without verification, so they group the
token with a company (budget, invalidation, events) only once proven
(``gateway.upstream.proofs``); until then the token is a group of its own.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import re
from dataclasses import dataclass, replace
from typing import Any

from gateway.errors import Unauthenticated

# RFC 6750 b64token: the characters a bearer token may contain.
_BEARER = re.compile(r"Bearer ([A-Za-z0-9\-._~+/]+=*)", re.IGNORECASE)
_MAX_HEADER_LENGTH = 8192


@dataclass(frozen=True)
class Credentials:
    """One caller's token as the gateway handles it.

    ``authorization`` is the header value forwarded unchanged to Visma; ``principal`` identifies
    the token in cache keys; ``tenant`` groups principals of one company for invalidation and
    events; ``budget_key`` names the Visma rate window the token draws on (company and client).
    Both are the principal itself until the token's claims (``claimed_*``) are proven.
    ``expires_at`` is the token's ``exp`` claim, if any.
    """

    authorization: str
    principal: str
    tenant: str
    budget_key: str
    claimed_tenant: str | None = None
    claimed_budget_key: str | None = None
    expires_at: float | None = None

    @property
    def proven(self) -> bool:
        """Whether the grouping is final: the claims apply, or there are none to prove."""
        return self.claimed_tenant is None or self.tenant == self.claimed_tenant

    @property
    def cache_group(self) -> str:
        """The tenant whose generations this token's cache keys are read under: the claimed
        one, proven or not. Keys carry the principal as well, so nothing is shared with
        another token; the company's invalidations reach the entries (bumping needs proof)
        and a new token's first answers stay cached once it is proven."""
        return self.claimed_tenant or self.tenant

    def with_claims(self) -> Credentials:
        """These credentials grouped by their claims, for a token Visma has accepted."""
        if self.claimed_tenant is None:
            return self
        budget_key = self.claimed_budget_key or self.claimed_tenant
        return replace(self, tenant=self.claimed_tenant, budget_key=budget_key)

    def __repr__(self) -> str:
        return f"Credentials(principal={self.principal[:12]}…, tenant={self.tenant})"


def credentials_from_header(header: str | None) -> Credentials:
    """Parse an ``Authorization`` header, or raise ``Unauthenticated`` with a clear reason."""
    if header is None or not header.strip():
        raise Unauthenticated(
            "Missing Authorization header: send 'Authorization: Bearer <Visma Connect token>'"
        )
    if len(header) > _MAX_HEADER_LENGTH:
        raise Unauthenticated("Malformed Authorization header: it is too long")
    match = _BEARER.fullmatch(header.strip())
    if match is None:
        raise Unauthenticated(
            "Malformed Authorization header: expected 'Bearer <token>' with a single token"
        )
    token = match.group(1)
    principal = hashlib.sha256(token.encode()).hexdigest()
    payload = _payload(token)
    tenant = _identifier(payload, "tenant_id")
    client = _identifier(payload, "client_id") or _identifier(payload, "azp")
    expiry = payload.get("exp")
    expires_at = None
    if isinstance(expiry, int | float) and not isinstance(expiry, bool) and math.isfinite(expiry):
        expires_at = float(expiry)
    budget_key = None if tenant is None else f"{tenant}|{client}" if client else tenant
    return Credentials(
        header.strip(), principal, principal, principal, tenant, budget_key, expires_at
    )


def claim(token: str, name: str) -> str | None:
    """A short identifier claim of a JWT, read without verification: it only groups cache
    entries and rate windows once proven; access is decided by Visma. None for any other
    token."""
    return _identifier(_payload(token), name)


def _payload(token: str) -> dict[str, Any]:
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (binascii.Error, ValueError, RecursionError):
        return {}
    return payload if isinstance(payload, dict) else {}


def _identifier(payload: dict[str, Any], name: str) -> str | None:
    value = payload.get(name)
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9\-_.:]{1,128}", value):
        return value
    return None
