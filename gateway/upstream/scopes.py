"""The Visma Connect scope a write needs, named when Visma refuses the write with 403.

Visma.net's ERP API grants writes by scope: ``vismanet_erp_interactive_api:create`` (or the
``vismanet_erp_service_api`` family for service clients) to create, ``:update`` to change a
record or run an action on it. A refusal names the scopes Visma asked for when its
``WWW-Authenticate`` said (``requiredScopes``, read in ``gateway.errors``), else those the
write needs.
"""

from __future__ import annotations

from gateway.errors import Forbidden

_FAMILIES = ("vismanet_erp_interactive_api", "vismanet_erp_service_api")


def missing_scope(error: Forbidden, verb: str, what: str) -> Forbidden:
    """``error`` (Visma's 403 to a write that would ``verb`` ``what``) as a refusal naming
    the scope to ask for, not the REST path."""
    asked = error.details.get("requiredScopes")
    scopes = asked if asked else [f"{family}:{verb}" for family in _FAMILIES]
    return Forbidden(
        f"The token lacks the scope {' or '.join(scopes)}, which Visma.net requires to {verb} "
        f"{what}; sign in again asking for it, or grant it to the client",
        **{**error.details, "requiredScopes": scopes},
    )
