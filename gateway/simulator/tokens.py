"""Demo access tokens for the simulator.

Tokens look like Visma Connect JWTs: ``header.payload.signature``, each part base64url
without padding, the header ``{"alg":"HS256","typ":"JWT"}`` and the signature an HMAC-SHA256
of ``header.payload`` under the simulator's fixed, public demo key. The simulator refuses
(401) a token whose signature does not match, as Visma does a forged one, and otherwise acts
on the claims: token forwarding, tenant binding, scopes and expiry.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass

COMPANY_A_TENANT = "5b0e3c1a-8f2d-4a67-b3c9-1e7d4a2f9c01"
COMPANY_B_TENANT = "c4d81f6e-2a9b-4c3d-8e5f-7a1b0d9e3c02"
UNLICENSED_TENANT = "9e7a2b4c-1d3f-4e6a-8b0c-5f2d7e9a1c03"

INTERACTIVE_SCOPES: tuple[str, ...] = (
    "vismanet_erp_interactive_api:read",
    "vismanet_erp_interactive_api:create",
    "vismanet_erp_interactive_api:update",
    "vismanet_erp_interactive_api:delete",
)
READ_SCOPES = frozenset({"vismanet_erp_interactive_api:read", "vismanet_erp_service_api:read"})
CREATE_SCOPES = frozenset(
    {"vismanet_erp_interactive_api:create", "vismanet_erp_service_api:create"}
)
UPDATE_SCOPES = frozenset(
    {"vismanet_erp_interactive_api:update", "vismanet_erp_service_api:update"}
)

_ISSUED_AT = 1767225600  # 2026-01-01T00:00:00Z; fixed so equal arguments give equal tokens
_HEADER = {"alg": "HS256", "typ": "JWT"}
# Public on purpose: demo tokens must be the same in every process (bench, gateway, tests).
_SIGNING_KEY = b"visma-simulator-demo-signing-key"


@dataclass(frozen=True)
class Claims:
    """The claims of a demo token that the simulator acts on."""

    tenant_id: str
    client_id: str
    subject: str
    scopes: frozenset[str]
    expires_at: float


def demo_token(
    tenant_id: str,
    *,
    subject: str = "demo-user",
    client_id: str = "visma-gateway-demo",
    scopes: Sequence[str] = INTERACTIVE_SCOPES,
    expires_at: int = 4102444800,
) -> str:
    """Return a deterministic signed JWT bound to ``tenant_id``."""
    payload = {
        "tenant_id": tenant_id,
        "sub": subject,
        "client_id": client_id,
        "scope": " ".join(scopes),
        "iat": _ISSUED_AT,
        "exp": expires_at,
    }
    return signed_token(payload)


def signed_token(payload: dict[str, object]) -> str:
    """A JWT of ``payload`` with the simulator's signature (any claims, for tests)."""
    signed = f"{_encode_json(_HEADER)}.{_encode_json(payload)}"
    return f"{signed}.{_signature(signed)}"


def _signature(signed: str) -> str:
    return _b64url(hmac.new(_SIGNING_KEY, signed.encode("ascii"), hashlib.sha256).digest())


def read_claims(token: str) -> Claims | None:
    """Decode the claims of a token the simulator signed, or return None when it cannot be
    read or its signature does not match."""
    parts = token.split(".")
    if len(parts) != 3 or not token.isascii():
        return None
    if not hmac.compare_digest(parts[2], _signature(f"{parts[0]}.{parts[1]}")):
        return None
    try:
        payload = json.loads(_unb64url(parts[1]))
    except (ValueError, binascii.Error):
        return None
    if not isinstance(payload, dict):
        return None
    tenant_id = payload.get("tenant_id")
    expires_at = payload.get("exp")
    if not isinstance(tenant_id, str) or not isinstance(expires_at, int | float):
        return None
    client_id = payload.get("client_id")
    subject = payload.get("sub")
    return Claims(
        tenant_id=tenant_id,
        client_id=client_id if isinstance(client_id, str) else "",
        subject=subject if isinstance(subject, str) else "",
        scopes=_scopes(payload.get("scope")),
        expires_at=float(expires_at),
    )


def _scopes(raw: object) -> frozenset[str]:
    # Visma Connect issues `scope` as a JSON array; demo tokens use the space-separated form.
    if isinstance(raw, str):
        return frozenset(raw.split())
    if isinstance(raw, list):
        return frozenset(item for item in raw if isinstance(item, str))
    return frozenset()


def _encode_json(value: object) -> str:
    return _b64url(json.dumps(value, separators=(",", ":")).encode())


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
