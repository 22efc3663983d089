"""Purchase receipt writes (``PurchaseReceiptUpdateDto``): create, update and release.

A receipt line that names a purchase order line (``poOrderNbr``, ``poOrderLineNbr``) takes
its item, unit, cost, warehouse and accounts from it; the order must be the receipt's
supplier's. Quantities and amounts are totalled on the receipt.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from starlette.responses import Response

from gateway.simulator.demodata.common import cents, money
from gateway.simulator.dto import Dto, Line, changed_lines
from gateway.simulator.errors import bad_request, invalid_field, not_found
from gateway.simulator.filters import Record
from gateway.simulator.timeformat import document_date
from gateway.simulator.writecall import (
    WriteCall,
    action_done,
    created,
    supplier_reference,
    updated,
)

_TYPES = ("PoReceipt", "PoReturn", "TransferReceipt")
# What a receipt line copies from the order line it receives.
_FROM_ORDER_LINE = (
    "branch",
    "inventory",
    "lineType",
    "warehouse",
    "uom",
    "unitCost",
    "taxCategory",
    "account",
)


def create_receipt(call: WriteCall) -> Response:
    dto = call.dto()
    ledger = call.ledger
    receipts = ledger.data.purchasing.receipts
    supplier = supplier_reference(call, "supplierId", dto.required_text("supplierId"))
    number = dto.text("receiptNbr") or ledger.next_number(receipts, "receiptNbr", "PR")
    if any(r["receiptNbr"] == number for r in receipts):
        raise invalid_field("ReceiptNbr", f"'{number}' is already used.")
    found = ledger.supplier(supplier["number"])
    record: Record = {
        "receiptType": dto.choice("receiptType", _TYPES) or "PoReceipt",
        "receiptNbr": number,
        "hold": False,
        "status": "Balanced",
        "date": document_date(datetime.fromtimestamp(call.now, UTC).date()),
        "supplier": supplier,
        "currency": found["currencyId"] if found else ledger.data.currency,
        "exchangeRate": 1.0,
        "createBill": True,
        "lines": [],
    }
    _apply(call, dto, record)
    ledger.put_receipt(call.stamped(record))
    return created(call, "PurchaseReceipt", number, record)


def update_receipt(call: WriteCall) -> Response:
    existing = _receipt(call)
    if existing["status"] == "Released":
        raise bad_request("Error: The document is released and cannot be changed.")
    dto = call.dto()
    record = copy.deepcopy(existing)
    if dto.has("supplierId"):
        record["supplier"] = supplier_reference(call, "supplierId", dto.required_text("supplierId"))
    _apply(call, dto, record)
    call.ledger.put_receipt(call.stamped(record))
    return updated(record)


def release_receipt(call: WriteCall) -> Response:
    existing = _receipt(call)
    if existing["status"] == "Released":
        raise bad_request("Error: The document has already been released.")
    if existing["hold"]:
        raise bad_request("Error: The document is on hold and cannot be released.")
    record = copy.deepcopy(existing)
    record["status"] = "Released"
    call.ledger.put_receipt(call.stamped(record))
    return action_done()


def _receipt(call: WriteCall) -> Record:
    number = call.path["receiptNumber"]
    found = next(
        (r for r in call.ledger.data.purchasing.receipts if r["receiptNbr"] == number), None
    )
    if found is None:
        raise not_found("Purchase receipt", number)
    return found


def _apply(call: WriteCall, dto: Dto, record: Record) -> None:
    for name in ("supplierRef", "note"):
        if dto.has(name):
            record[name] = dto.text(name)
    if dto.has("date"):
        record["date"] = dto.day("date")
    if dto.has("hold"):
        record["hold"] = bool(dto.boolean("hold"))
    if dto.has("createBill"):
        record["createBill"] = bool(dto.boolean("createBill"))
    if dto.has("warehouseId"):
        record["warehouse"] = _warehouse(call, dto.text("warehouseId"))
    record["lines"] = _lines(call, dto.lines("lines"), record)
    record["totalQty"] = sum(float(line.get("receiptQty") or 0.0) for line in record["lines"])
    total = sum(cents(line.get("amount") or 0.0) for line in record["lines"])
    record["totalAmt"] = record["vatTaxableTotal"] = money(total)
    if record["status"] in ("Hold", "Balanced"):
        record["status"] = "Hold" if record["hold"] else "Balanced"


def _warehouse(call: WriteCall, ident: str | None) -> Record | None:
    if ident is None:
        return None
    for warehouse in call.ledger.data.purchasing.warehouses:
        if warehouse["warehouseID"] == ident:
            return {"id": ident, "description": warehouse.get("description")}
    raise invalid_field("WarehouseId", f"cannot be found in the system. Value: '{ident}'.")


def _lines(call: WriteCall, lines: list[Line], receipt: Record) -> list[Record]:
    def fill(line: Line, target: Record) -> None:
        _apply_line(call, line, target, receipt)

    return changed_lines(lines, receipt["lines"], "lineNbr", fill)


def _apply_line(call: WriteCall, line: Line, target: Record, receipt: Record) -> None:
    if line.has("poOrderNbr") or line.has("poOrderLineNbr"):
        _receive_order_line(call, line, target, receipt)
    for name in ("transactionDescription", "note"):
        if line.has(name):
            target[name] = line.text(name)
    for name in ("receiptQty", "unitCost"):
        if line.has(name):
            target[name] = line.number(name)
    if line.has("inventoryId"):
        target["inventory"] = {"number": line.text("inventoryId")}
    if line.has("warehouseId"):
        target["warehouse"] = _warehouse(call, line.text("warehouseId"))
    quantity = target.get("receiptQty") or 0.0
    amount = money(round(quantity * cents(target.get("unitCost") or 0.0)))
    target["extCost"] = target["amount"] = amount
    if "orderQty" in target:
        target["openQty"] = max(0.0, float(target["orderQty"]) - quantity)


def _receive_order_line(call: WriteCall, line: Line, target: Record, receipt: Record) -> None:
    """The order line ``line`` names, copied onto ``target``; 400 when it does not exist or
    the order is another supplier's."""
    number = line.text("poOrderNbr")
    line_number = line.integer("poOrderLineNbr")
    order = call.ledger.order(number) if number else None
    if order is None:
        raise invalid_field("PoOrderNbr", f"cannot be found in the system. Value: '{number}'.")
    if order["supplier"]["number"] != receipt["supplier"]["number"]:
        raise invalid_field("PoOrderNbr", f"'{number}' is not an order of this supplier.")
    source = next((o for o in order["lines"] if o["lineNbr"] == line_number), None)
    if source is None:
        raise invalid_field("PoOrderLineNbr", f"'{number}' has no line {line_number}.")
    for name in _FROM_ORDER_LINE:
        if name in source:
            target[name] = copy.deepcopy(source[name])
    target["transactionDescription"] = source.get("lineDescription")
    target["orderQty"] = source.get("orderQty")
    target["poOrderType"] = order["orderType"]
    target["poOrderNbr"] = order["orderNbr"]
    target["poOrderLineNbr"] = line_number
