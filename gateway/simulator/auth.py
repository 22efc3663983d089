"""Who is calling: bearer token parsing, tenant licence and scope checks."""

from __future__ import annotations

from collections.abc import Container

from gateway.simulator.errors import access_denied, insufficient_scope, no_license
from gateway.simulator.tokens import READ_SCOPES, Claims, read_claims


def bearer_claims(authorization: str | None) -> Claims | None:
    """The claims of an ``Authorization: Bearer <token>`` header, or None if unreadable."""
    if authorization is None:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return read_claims(token.strip())


def admit(claims: Claims | None, now: float, licensed: Container[str]) -> Claims:
    """Accept a caller or raise the 401 Visma gives (plain denial, or IPP 12027 licence)."""
    if claims is None or claims.expires_at <= now:
        raise access_denied()
    if claims.tenant_id not in licensed:
        raise no_license()
    return claims


def require_read(claims: Claims) -> None:
    """Raise 403 unless the token carries a ``...:read`` scope of the ERP API."""
    require_scope(claims, READ_SCOPES)


def require_scope(claims: Claims, scopes: frozenset[str]) -> None:
    """Raise 403 unless the token carries one of ``scopes`` (``...:create``, ``...:update``)."""
    if not claims.scopes & scopes:
        raise insufficient_scope(scopes)
