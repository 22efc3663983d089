"""The caller's credentials, read once at the edge.

The raw token only ever travels to Visma in the ``Authorization`` header. Everything the
gateway keeps (cache keys, logs, metrics) uses the principal: a SHA-256 digest of the token.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass

from gateway.errors import Unauthenticated

# RFC 6750 b64token: the characters a bearer token may contain.
_BEARER = re.compile(r"Bearer ([A-Za-z0-9\-._~+/]+=*)", re.IGNORECASE)
_MAX_HEADER_LENGTH = 8192


@dataclass(frozen=True)
class Credentials:
    """One caller's token as the gateway handles it.

    ``authorization`` is the header value forwarded unchanged to Visma; ``principal`` identifies
    the token in cache keys; ``tenant`` groups principals of one company for invalidation;
    ``budget_key`` names the Visma rate window the token draws on (company and client).
    """

    authorization: str
    principal: str
    tenant: str
    budget_key: str

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
    tenant = claim(token, "tenant_id")
    client = claim(token, "client_id") or claim(token, "azp")
    if tenant is None:
        return Credentials(header.strip(), principal, principal, principal)
    budget_key = f"{tenant}|{client}" if client else tenant
    return Credentials(header.strip(), principal, tenant, budget_key)


def claim(token: str, name: str) -> str | None:
    """A short identifier claim of a JWT, read without verification: it only groups cache
    entries and rate windows; access is decided by Visma. None for any other token."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (binascii.Error, ValueError):
        return None
    value = payload.get(name) if isinstance(payload, dict) else None
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9\-_.:]{1,128}", value):
        return value
    return None
