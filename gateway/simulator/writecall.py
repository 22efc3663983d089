"""What a write handler works with, and the answers Visma gives to writes.

POST answers 201 with an empty body, a ``Location`` of the new record and its ``ETag``; PUT
answers 204 with the new ``ETag``; actions answer 200 with ``{actionId, actionResult}``.
A write carrying ``If-Match`` that differs from the record's ``timeStamp`` gets 412.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from starlette.responses import Response

from gateway.simulator.dto import Dto, label
from gateway.simulator.errors import bad_request, invalid_field, precondition_failed
from gateway.simulator.filters import Record
from gateway.simulator.ledger import Ledger
from gateway.simulator.responses import OrjsonResponse, etag


@dataclass(frozen=True)
class WriteCall:
    """One write request: the instance's ledger of the caller's company, path values, the
    decoded body, ``If-Match``, the origin for ``Location`` and the time of the write."""

    ledger: Ledger
    path: dict[str, str]
    body: Any
    if_match: str | None
    origin: str
    now: float

    def dto(self) -> Dto:
        return Dto(self.body)

    def check_version(self, record: Record, resource: str) -> None:
        """412 unless ``If-Match`` (when sent) is ``*`` or lists the record's current version
        as an entity tag, quoted (``If-Match: "etag_value"``, as the spec asks); a bare value
        is no entity tag and matches nothing. Only the handlers of writes the spec gives an
        ``If-Match`` (updates and actions) call it."""
        if self.if_match is None:
            return
        tags = {tag.strip() for tag in self.if_match.split(",")}
        if "*" not in tags and f'"{record.get("timeStamp")}"' not in tags:
            raise precondition_failed(resource)

    def stamped(self, record: Record) -> Record:
        """``record`` with a new version and modification time."""
        record["timeStamp"] = self.ledger.row_version()
        record["lastModifiedDateTime"] = self.ledger.stamp(self.now)
        return record


WriteHandler = Callable[[WriteCall], Response]


def created(call: WriteCall, collection: str, ident: str, record: Record) -> Response:
    """201, empty body, ``Location: <origin>/v1/<collection>/<id>``."""
    location = f"{call.origin}/v1/{collection}/{quote(ident, safe='')}"
    return Response(status_code=201, headers={"Location": location, **etag(record["timeStamp"])})


def updated(record: Record) -> Response:
    return Response(status_code=204, headers=etag(record["timeStamp"]))


def action_done(**result: str) -> Response:
    """An action's result DTO, done, with what the action's own DTO adds (``result``)."""
    return OrjsonResponse({**result, "actionId": str(uuid.uuid4()), "actionResult": "Done"})


# The VAT a receivable write adds to its lines, in percent: the demo companies' standard rate.
_VAT_RATE_PERCENT = 25


def vat_cents(net_cents: int) -> int:
    """The VAT on a net amount in cents, at the standard rate."""
    return round(net_cents * _VAT_RATE_PERCENT / 100)


def codes(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """id → description of the codes a field may name."""
    return dict(pairs)


def lookup(known: dict[str, str], name: str, value: str, keys: tuple[str, str]) -> Record:
    """The ``{id, description}`` (or ``{number, name}``) object a code names; 400 naming
    the DTO field when the code does not exist."""
    if value not in known:
        raise invalid_field(label(name), f"cannot be found in the system. Value: '{value}'.")
    return {keys[0]: value, keys[1]: known[value]}


def payment_method(call: WriteCall, name: str, ident: str | None) -> Record | None:
    """The ``{id, description}`` of the company's payment method ``ident`` (None clears it);
    400 naming the DTO field when there is none of that id."""
    if ident is None:
        return None
    methods = call.ledger.data.ledger["paymentMethod"]
    known = codes((m["paymentMethodID"], m["description"]) for m in methods)
    return lookup(known, name, ident, ("id", "description"))


def attached(call: WriteCall, existing: Record, key: str) -> Record:
    """A copy of ``existing`` (a document keyed by ``key``) with the multipart body's file as
    a new attachment (a new revision when it has one of that name already), its content kept
    to be served at ``/v1/attachment/{id}``."""
    given = call.body.get("file") if isinstance(call.body, dict) else None
    if not isinstance(given, dict):
        raise bad_request("The request is invalid: send the file as multipart/form-data.")
    name = str(given["fileName"] or "file")
    record = copy.deepcopy(existing)
    attachments = record.setdefault("attachments", [])
    revision = 1 + sum(1 for a in attachments if a.get("name") == name)
    seed = f"{call.ledger.data.tenant_id}:{record[key]}:{name}:{revision}"
    ident = str(uuid.UUID(bytes=hashlib.sha256(seed.encode()).digest()[:16], version=4))
    attachments.append({"name": name, "id": ident, "revision": revision})
    call.ledger.uploads[ident] = {
        "name": name,
        "contentType": given["contentType"] or "application/octet-stream",
        "content": base64.b64decode(given["base64"]),
    }
    return record


def customer_reference(call: WriteCall, name: str, number: str) -> Record:
    """The ``{number, name}`` a receivable document embeds; 400 when the customer is unknown."""
    customers = codes((c["number"], c["name"]) for c in call.ledger.data.receivables.customers)
    return lookup(customers, name, number, ("number", "name"))


def supplier_reference(call: WriteCall, name: str, number: str) -> Record:
    """The ``{internalId, number, name}`` a document embeds; 400 when the supplier is unknown."""
    supplier = call.ledger.supplier(number)
    if supplier is None:
        raise invalid_field(label(name), f"cannot be found in the system. Value: '{number}'.")
    return {
        "internalId": supplier["internalId"],
        "number": supplier["number"],
        "name": supplier["name"],
    }


def currency_id(dto: Dto, markets: Iterable[Any]) -> str | None:
    """The ``currencyId`` a DTO gives, one of the company's markets' currencies (400 if not)."""
    currencies = codes((m.currency.id, m.currency.description) for m in markets)
    value = dto.text("currencyId")
    return None if value is None else lookup(currencies, "currencyId", value, ("id", "d"))["id"]
