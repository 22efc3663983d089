"""What a Visma.net webhook says changed, read liberally from whatever shape it arrives in.

Visma does not publish the ERP payload of its webhooks. Two shapes are understood: the legacy
``NotificationDto`` (``{contextId, eventId, action, resourceUri}``, where ``resourceUri`` ends
in ``/v1/<collection>/<id>``) and an event-named body (``{"eventType"|"event": "Supplier
Changed"|"supplier_changed", "entityId"|"id"|"number": ...}``). What cannot be read narrows
less: an unknown record invalidates its whole kind, an unknown kind everything of the tenant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from gateway.resources.registry import RESOURCES

# The cache kinds a change of each announced resource makes stale (its own and those it
# declares, e.g. balances follow suppliers and invoices).
INVALIDATES: dict[str, tuple[str, ...]] = {
    r.kind: (r.kind, *r.invalidates) for r in RESOURCES if r.events
}
ALL_KINDS: tuple[str, ...] = tuple(r.kind for r in RESOURCES)

# Resource named by a resource path's collection segment or an event's name (lowercase, no
# separators): "Supplier Changed", "supplier_changed", "AP Invoice Status Changed", ...
_COLLECTIONS = {r.segment: r for r in RESOURCES if r.events}
# Longest prefix first, so that "supplierinvoice" is not read as "supplier".
_EVENT_PREFIXES = sorted(
    ((prefix, r.kind) for r in RESOURCES for prefix in r.events),
    key=lambda pair: -len(pair[0]),
)
_ID_FIELDS = ("entityId", "id", "number", "documentNumber", "referenceNumber", "orderNbr")
_EVENT_FIELDS = ("eventType", "event", "eventId", "eventName", "type")
_TENANT_FIELDS = ("tenantId", "tenant", "contextId")
_NOTIFICATION_FIELDS = ("notificationId", "notificationid")
_SAFE_ID = re.compile(r"[^/\s]{1,64}")
_TENANT = re.compile(r"[A-Za-z0-9\-_.:]{1,128}")  # as the tenant_id claim of tokens


@dataclass(frozen=True)
class Change:
    """One change a webhook announced.

    ``entity`` is None when the webhook names nothing the gateway knows; ``key`` is the
    record's key (``(number,)``, or ``(documentType, number)`` for a typed invoice) when
    the webhook names it. ``event`` is the event's own name, for logs and subscribers.
    """

    tenant: str
    entity: str | None
    key: tuple[str, ...] | None
    event: str

    @property
    def kinds(self) -> tuple[str, ...]:
        """The cache kinds this change makes stale."""
        return ALL_KINDS if self.entity is None else INVALIDATES[self.entity]

    def to_json(self) -> dict[str, Any]:
        return {"tenant": self.tenant, "entity": self.entity, "key": self.key, "event": self.event}

    @staticmethod
    def from_json(data: Any) -> Change | None:
        """The change ``to_json`` wrote, or None for anything else."""
        if not isinstance(data, dict) or not isinstance(data.get("tenant"), str):
            return None
        entity = data.get("entity")
        key = data.get("key")
        if entity not in INVALIDATES:
            entity = None
        if not (isinstance(key, list | tuple) and all(isinstance(part, str) for part in key)):
            key = None
        event = data.get("event")
        return Change(data["tenant"], entity, None if key is None else tuple(key), str(event or ""))


def read_change(
    body: Any, tenant_header: str | None, event_header: str | None = None
) -> Change | None:
    """The change a webhook body (and its headers) announce, or None when they name no
    tenant."""
    data = body if isinstance(body, dict) else {}
    tenant = _first_text(data, _TENANT_FIELDS) or tenant_header
    if not tenant or not _TENANT.fullmatch(tenant):
        return None
    event = (_first_text(data, _EVENT_FIELDS) or event_header or "")[:80]
    resource = data.get("resourceUri")
    if isinstance(resource, str):
        entity, key = _from_resource(resource)
        if entity is not None:
            return Change(tenant, entity, key, event)
    entity = _entity_of_event(event)
    number = _first_text(data, _ID_FIELDS)
    key = (number,) if entity is not None and number and _SAFE_ID.fullmatch(number) else None
    return Change(tenant, entity, key, event)


def body_tenant(body: Any) -> str | None:
    """The tenant a body names itself (signed, unlike the tenant header), if any."""
    return _first_text(body, _TENANT_FIELDS) if isinstance(body, dict) else None


def notification_id(body: Any) -> str | None:
    """The notification id a body carries, if any."""
    return _first_text(body, _NOTIFICATION_FIELDS) if isinstance(body, dict) else None


def _from_resource(uri: str) -> tuple[str | None, tuple[str, ...] | None]:
    """Entity and key of ``.../v1/<collection>[/<id>...]``."""
    try:
        path = urlsplit(uri).path
    except ValueError:  # e.g. a malformed IPv6 host
        return None, None
    segments = [unquote(s) for s in path.split("/") if s]
    lowered = [s.lower() for s in segments]
    if "v1" not in lowered:
        return None, None
    rest = segments[lowered.index("v1") + 1 :]
    if not rest:
        return None, None
    resource = _COLLECTIONS.get(rest[0].lower())
    if resource is None:
        return None, None
    ids = rest[1:]
    if not ids or not all(_SAFE_ID.fullmatch(i) for i in ids):
        return resource.kind, None
    if len(ids) > resource.key_parts:
        return resource.kind, None  # a sub-resource such as /supplier/10001/balance
    return resource.kind, tuple(ids)


def _entity_of_event(event: str) -> str | None:
    name = re.sub(r"[^a-z]", "", event.lower())
    for prefix, entity in _EVENT_PREFIXES:
        if name.startswith(prefix):
            return entity
    return None


def _first_text(data: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = data.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
