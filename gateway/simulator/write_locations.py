"""``POST /v1/supplierlocation`` and ``PUT /v1/supplierlocation/{bAccountId}/{locationId}``
(``SupplierLocationUpdateDto``).

A location belongs to a supplier (``baccountId``, its number) and is named by its
``locationId`` within it; both are given on create only.
"""

from __future__ import annotations

import copy
from urllib.parse import quote

from starlette.responses import Response

from gateway.simulator.dto import Dto, Plain, label
from gateway.simulator.errors import invalid_field, not_found
from gateway.simulator.filters import Record
from gateway.simulator.write_suppliers import address, contact
from gateway.simulator.writecall import (
    WriteCall,
    codes,
    created,
    lookup,
    supplier_reference,
    updated,
)

_PLAIN = Plain(
    texts=("locationName", "vatRegistrationId", "ediCode", "gln", "corporateId"),
    booleans=("active",),
)


def create_location(call: WriteCall) -> Response:
    dto = call.dto()
    supplier = supplier_reference(call, "baccountId", dto.required_text("baccountId"))
    location_id = dto.required_text("locationId")
    if _find(call, supplier["number"], location_id) is not None:
        raise invalid_field("LocationID", f"'{location_id}' is already used by this supplier.")
    record: Record = {
        "baccount": supplier,
        "locationId": location_id,
        "locationName": location_id,
        "active": True,
        "supplierPaymentMethodDetails": [],
    }
    _apply(call, dto, record)
    call.ledger.put_location(call.stamped(record))
    return created(
        call, f"supplierlocation/{quote(supplier['number'], safe='')}", location_id, record
    )


def update_location(call: WriteCall) -> Response:
    number, location_id = call.path["bAccountId"], call.path["locationId"]
    existing = _find(call, number, location_id)
    if existing is None:
        raise not_found("Location", f"{number}/{location_id}")
    call.check_version(existing, "Location")
    dto = call.dto()
    for name in ("baccountId", "locationId"):
        if dto.has(name):
            raise invalid_field(label(name), "cannot be changed on an existing location.")
    record = copy.deepcopy(existing)
    _apply(call, dto, record)
    call.ledger.put_location(call.stamped(record))
    return updated(record)


def _find(call: WriteCall, number: str, location_id: str) -> Record | None:
    return next(
        (
            loc
            for loc in call.ledger.data.purchasing.locations
            if loc["baccount"]["number"] == number and loc["locationId"] == location_id
        ),
        None,
    )


def _apply(call: WriteCall, dto: Dto, record: Record) -> None:
    markets = call.ledger.profile.markets
    _PLAIN.copy(dto, record)
    if dto.has("vatZone"):
        zone = dto.text("vatZone")
        zones = codes((m.vat_zone.id, m.vat_zone.description) for m in markets)
        record["vatZone"] = (
            None if zone is None else lookup(zones, "vatZone", zone, ("id", "description"))
        )
    if dto.has("address"):
        countries = codes((m.country.id, m.country.name) for m in markets)
        record["address"] = address(dto.nested("address"), record.get("address"), countries)
    if dto.has("contact"):
        record["contact"] = contact(dto.nested("contact"), record.get("contact"))
