"""Purchase order writes (``PurchaseOrderUpdateDto``): create and update."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from starlette.responses import Response

from gateway.simulator.demodata.common import cents, money
from gateway.simulator.dto import Dto, Line, changed_lines
from gateway.simulator.errors import invalid_field, not_found
from gateway.simulator.filters import Record
from gateway.simulator.store import ORDER_TYPES
from gateway.simulator.timeformat import document_date
from gateway.simulator.writecall import WriteCall, created, supplier_reference, updated

_LINE_TYPES = (
    "GoodsForInventory",
    "GoodsForSalesOrder",
    "GoodsForReplenishment",
    "GoodsForDropShip",
    "NonStockForDropShip",
    "NonStockForSalesOrder",
    "NonStock",
    "Service",
    "Freight",
    "Description",
)


def create_order(call: WriteCall) -> Response:
    dto = call.dto()
    ledger = call.ledger
    supplier = supplier_reference(call, "supplier", dto.required_text("supplier"))
    number = dto.text("orderNumber") or ledger.next_number(
        ledger.data.purchase_orders, "orderNbr", "PO"
    )
    if ledger.order(number) is not None:
        raise invalid_field("OrderNumber", f"'{number}' is already used.")
    found = ledger.supplier(supplier["number"])
    record: Record = {
        "orderType": dto.choice("orderType", ORDER_TYPES) or "RegularOrder",
        "orderNbr": number,
        "hold": False,
        "date": document_date(datetime.fromtimestamp(call.now, UTC).date()),
        "supplier": supplier,
        "currency": found["currencyId"] if found else ledger.data.currency,
        "exchangeRate": 1.0,
        "lines": [],
    }
    _apply(dto, record)
    ledger.put_order(call.stamped(record))
    return created(call, "purchaseorder", number, record)


def update_order(call: WriteCall) -> Response:
    number = call.path["purchaseOrderNumber"]
    existing = call.ledger.order(number)
    if existing is None:
        raise not_found("Purchase order", number)
    call.check_version(existing, "Purchase order")
    dto = call.dto()
    record = copy.deepcopy(existing)
    if dto.has("supplier"):
        record["supplier"] = supplier_reference(call, "supplier", dto.required_text("supplier"))
    _apply(dto, record)
    call.ledger.put_order(call.stamped(record))
    return updated(record)


def _apply(dto: Dto, record: Record) -> None:
    for name in ("description", "supplierRef", "note"):
        if dto.has(name):
            record[name] = dto.text(name)
    for name in ("date", "promisedOn"):
        if dto.has(name):
            record[name] = dto.day(name)
    if dto.has("hold"):
        record["hold"] = bool(dto.boolean("hold"))
    if dto.has("currency"):
        record["currency"] = dto.required_text("currency")
    if dto.has("branch"):
        record["branch"] = {"number": dto.text("branch")}
    record["lines"] = _lines(dto.lines("lines"), record["lines"], record)
    total = sum(cents(line.get("amount") or 0.0) for line in record["lines"])
    record["lineTotal"] = record["lineTotalInBaseCurrency"] = money(total)
    record["orderTotal"] = record["orderTotalInBaseCurrency"] = money(total)
    record["taxTotal"] = record["taxTotalInBaseCurrency"] = 0.0
    if record.get("status") in (None, "Hold", "Open"):
        record["status"] = "Hold" if record["hold"] else "Open"


def _lines(lines: list[Line], current: list[Record], order: Record) -> list[Record]:
    def fill(line: Line, target: Record) -> None:
        _apply_line(line, target, order)

    return changed_lines(
        lines,
        current,
        "lineNbr",
        fill,
        sent_as="lineNumber",
        blank=lambda: {"lineType": "GoodsForInventory"},
    )


def _apply_line(line: Line, target: Record, order: Record) -> None:
    for name in ("lineDescription", "uom", "note"):
        if line.has(name):
            target[name] = line.text(name)
    if line.has("inventory"):
        target["inventory"] = {"number": line.text("inventory")}
    if line.has("lineType"):
        target["lineType"] = line.choice("lineType", _LINE_TYPES)
    if line.has("warehouse"):
        target["warehouse"] = {"id": line.text("warehouse")}
    for name in ("orderQty", "unitCost"):
        if line.has(name):
            target[name] = line.number(name)
    for name in ("requested", "promised"):
        if line.has(name):
            target[name] = line.day(name)
    quantity = target.get("orderQty") or 0.0
    amount = money(round(quantity * cents(target.get("unitCost") or 0.0)))
    target["extCost"] = target["amount"] = amount
    target["orderType"] = order["orderType"]
    target["orderNumber"] = order["orderNbr"]
