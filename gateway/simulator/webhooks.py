"""Signed webhooks from the simulator, as Visma's webhook dispatcher sends them.

When ``SimulatorConfig.webhook_url`` is set, every successful write announces the record it
changed, and ``POST /_simulator/webhooks/trigger`` changes a record's modification time and
announces it. The body is the legacy ``NotificationDto`` (``contextId``, ``eventId``,
``action``, ``resourceUri``) plus the event's catalogue name; the headers are the dispatcher's
``x-vwd-*`` set, signed with ``webhook_secret`` (base64 HMAC-SHA256 of the raw body).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import orjson
from starlette.requests import Request
from starlette.responses import Response

from gateway.simulator.config import SimulatorConfig
from gateway.simulator.ledger import Ledger
from gateway.simulator.responses import OrjsonResponse

log = logging.getLogger(__name__)

# Collection segment (lowercase) -> (event name on a change, on a create, legacy event id).
_EVENTS = {
    "supplier": ("Supplier Changed", "Supplier Created", "supplier_changed"),
    "purchaseorder": ("Purchase Order Changed", "Purchase Order Changed", "purchaseorder_changed"),
    "supplierinvoice": (
        "AP Invoice Status Changed",
        "AP Invoice Status Changed",
        "apinvoice_statuschanged",
    ),
    "customer": ("Customer Changed", "Customer Created", "customer_changed"),
    "customerinvoice": (
        "AR Invoice Status Changed",
        "AR Invoice Changed",
        "arinvoice_statuschanged",
    ),
    "salesorder": ("Sales Order Changed", "Sales Order Created", "salesorder_changed"),
}
# What the trigger endpoint accepts as ``entity``, and the collection it names.
_ENTITIES = {
    "supplier": "supplier",
    "purchaseOrder": "purchaseorder",
    "supplierInvoice": "supplierInvoice",
    "customer": "customer",
    "customerInvoice": "customerinvoice",
    "salesOrder": "salesorder",
}
# Receivable collections the trigger touches: (list of the receivables book, key, path, and
# the ledger's writer, which keeps the customer's balance and documents in step).
_RECEIVABLES: dict[str, tuple[str, str, str, Callable[[Ledger, dict[str, Any]], None]]] = {
    "customer": ("customers", "number", "/v1/customer/{}", Ledger.put_customer),
    "customerinvoice": (
        "invoices",
        "referenceNumber",
        "/v1/customerinvoice/{}",
        Ledger.put_customer_invoice,
    ),
    "salesorder": ("sales_orders", "orderNo", "/v1/salesorder/{}", Ledger.put_sales_order),
}


class WebhookSender:
    """Posts notifications to the configured URL; writes do not wait for delivery."""

    def __init__(self, config: SimulatorConfig) -> None:
        self.config = config
        self._tasks: set[asyncio.Task[int | None]] = set()

    def after_write(self, tenant: str, path: str, created: bool) -> None:
        """Announce the record at ``path`` (``/v1/<collection>/<id>...``), in the background."""
        if not self.config.webhook_url:
            return
        notification = _notification(tenant, path, created)
        if notification is None:
            return  # Visma has no event for this resource (supplier payments)
        task = asyncio.create_task(self.send(tenant, notification))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def send(self, tenant: str, notification: dict[str, Any]) -> int | None:
        """Deliver one notification; the receiver's status, or None when it was unreachable."""
        url = self.config.webhook_url
        if not url:
            return None
        body = orjson.dumps(notification)
        digest = hmac.new(self.config.webhook_secret.encode(), body, hashlib.sha256).digest()
        headers = {
            "content-type": "application/json",
            "x-vwd-signature-v1": base64.b64encode(digest).decode("ascii"),
            "x-vwd-tenant-id": tenant,
            "x-vwd-notification-id": str(notification["notificationId"]),
            "x-vwd-event-id": str(uuid.uuid4()),
            "x-vwd-notification-timestamp": str(int(time.time() * 1000)),
            "x-vwd-webhook-timestamp": str(int(time.time() * 1000)),
        }
        try:
            async with httpx.AsyncClient(
                transport=self.config.webhook_transport, timeout=10
            ) as client:
                response = await client.post(url, content=body, headers=headers)
        except httpx.HTTPError as error:
            log.warning("simulator webhook to %s failed: %s", url, type(error).__name__)
            return None
        return response.status_code

    async def trigger(self, request: Request, ledger_of: Any) -> Response:
        """``POST /_simulator/webhooks/trigger {"tenant", "entity", "number"}``: touch the
        record and announce it; answers with the receiver's status."""
        try:
            data = orjson.loads(await request.body())
            tenant, entity, number = data["tenant"], data["entity"], data["number"]
            collection = _ENTITIES[entity]
            ledger: Ledger = ledger_of(tenant)
        except (ValueError, KeyError, TypeError):
            expected = "{tenant, entity: " + "|".join(_ENTITIES) + ", number}"
            return OrjsonResponse({"message": f"send {expected}"}, status_code=400)
        path = _touch(ledger, collection, str(number), self.config.wall_clock())
        if path is None:
            return OrjsonResponse({"message": f"no {entity} {number}"}, status_code=404)
        notification = _notification(tenant, path, created=False)
        assert notification is not None
        status = await self.send(tenant, notification)
        return OrjsonResponse({"resourceUri": notification["resourceUri"], "delivered": status})


def _touch(ledger: Ledger, collection: str, number: str, now: float) -> str | None:
    """Give the record a new version and modification time; its path, or None if missing."""
    if collection in _RECEIVABLES:
        return _touch_receivable(ledger, collection, number, now)
    found = {
        "supplier": ledger.supplier,
        "purchaseorder": ledger.order,
        "supplierInvoice": ledger.invoice,
    }[collection](number)
    if found is None:
        return None
    record = dict(found)
    record["timeStamp"] = ledger.row_version()
    record["lastModifiedDateTime"] = ledger.stamp(now)
    if collection == "supplier":
        ledger.put_supplier(record)
        return f"/v1/supplier/{number}"
    if collection == "purchaseorder":
        ledger.put_order(record)
        return f"/v1/purchaseorder/{number}"
    ledger.put_invoice(record)
    return f"/v1/supplierInvoice/{record['documentType']}/{number}"


def _touch_receivable(ledger: Ledger, collection: str, number: str, now: float) -> str | None:
    """``_touch`` for the receivable side, whose lists belong to this ledger's company copy."""
    name, key, path, put = _RECEIVABLES[collection]
    records: list[dict[str, Any]] = getattr(ledger.data.receivables, name)
    found = next((r for r in records if str(r[key]) == number), None)
    if found is None:
        return None
    put(
        ledger,
        {**found, "timeStamp": ledger.row_version(), "lastModifiedDateTime": ledger.stamp(now)},
    )
    return path.format(number)


def _notification(tenant: str, path: str, created: bool) -> dict[str, Any] | None:
    """The body of one notification; its id makes every body unique, as each change is."""
    segments = path.strip("/").split("/")
    if len(segments) < 3 or segments[1].lower() not in _EVENTS:
        return None
    changed, new, legacy = _EVENTS[segments[1].lower()]
    if len(segments) > 3 and segments[-2] == "action":
        segments = segments[:-2]
    return {
        "notificationId": str(uuid.uuid4()),
        "contextId": tenant,
        "event": new if created else changed,
        "eventId": legacy,
        "action": "Created" if created else "Updated",
        "resourceUri": "https://api.finance.visma.net/" + "/".join(segments),
    }
