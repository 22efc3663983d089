"""Sales order writes (``SalesOrderUpdateDto``): create, update and cancel.

Lines carry a quantity and a unit price; the order's totals follow from them, with VAT at
the standard rate (``writecall.vat_cents``). A new order is open (or on hold); cancelling it
closes it for good. Visma checks no ``If-Match`` on these.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from starlette.responses import Response

from gateway.simulator.demodata.common import cents, money
from gateway.simulator.dto import Dto, Line, changed_lines
from gateway.simulator.errors import bad_request, invalid_field, not_found
from gateway.simulator.filters import Record
from gateway.simulator.responses import etag
from gateway.simulator.timeformat import document_date
from gateway.simulator.writecall import (
    WriteCall,
    action_done,
    attached,
    created,
    payment_method,
    updated,
    vat_cents,
)

_CHANGEABLE = ("Open", "Hold", "BackOrder", "CreditHold", "PendingApproval")


def create_order(call: WriteCall) -> Response:
    dto = call.dto()
    orders = call.ledger.data.receivables.sales_orders
    number = dto.text("orderNumber") or call.ledger.next_number(orders, "orderNo", "")
    if any(o["orderNo"] == number for o in orders):
        raise invalid_field("OrderNumber", f"'{number}' is already used.")
    customer = dto.required_text("customer")
    customers = {c["number"]: c for c in call.ledger.data.receivables.customers}
    if customer not in customers:
        raise invalid_field("Customer", f"cannot be found in the system. Value: '{customer}'.")
    found = customers[customer]
    record: Record = {
        "orderType": dto.text("orderType") or "SO",
        "orderNo": number,
        "status": "Open",
        "hold": False,
        "canceled": False,
        "date": document_date(datetime.fromtimestamp(call.now, UTC).date()),
        "customer": {
            "internalId": found.get("internalId"),
            "number": found["number"],
            "name": found["name"],
        },
        "currency": call.ledger.data.currency,
        "exchangeRate": 1.0,
        "lines": [],
    }
    _apply(call, dto, record)
    call.ledger.put_sales_order(call.stamped(record))
    return created(call, "salesorder", number, record)


def update_order(call: WriteCall) -> Response:
    existing = _order(call, "orderNbr")
    if existing["status"] not in _CHANGEABLE:
        raise bad_request(f"Error: An order in status {existing['status']} cannot be changed.")
    record = copy.deepcopy(existing)
    _apply(call, call.dto(), record)
    call.ledger.put_sales_order(call.stamped(record))
    return updated(record)


def cancel_order(call: WriteCall) -> Response:
    existing = _order(call, "saleOrderNumber")
    if existing["status"] not in _CHANGEABLE:
        raise bad_request(f"Error: An order in status {existing['status']} cannot be cancelled.")
    record = copy.deepcopy(existing)
    record["status"] = "Cancelled"
    record["canceled"] = True
    call.ledger.put_sales_order(call.stamped(record))
    return action_done()


def attach_order_file(call: WriteCall) -> Response:
    """The multipart body's file as a new attachment of the document."""
    record = attached(call, _order(call, "orderNumber"), "orderNo")
    call.ledger.put_sales_order(call.stamped(record))
    return Response(status_code=201, headers=etag(record["timeStamp"]))


def _order(call: WriteCall, name: str) -> Record:
    number = call.path[name]
    orders = call.ledger.data.receivables.sales_orders
    found = next((o for o in orders if o["orderNo"] == number), None)
    if found is None:
        raise not_found("Sales order", number)
    return found


def _apply(call: WriteCall, dto: Dto, record: Record) -> None:
    for name in ("customerOrder", "customerRefNo", "description", "note"):
        if dto.has(name):
            record[name] = dto.text(name)
    for name in ("date", "requestOn"):
        if dto.has(name):
            record[name] = dto.day(name)
    if dto.has("hold"):
        record["hold"] = bool(dto.boolean("hold"))
        record["status"] = "Hold" if record["hold"] else "Open"
    if dto.has("paymentMethod"):
        record["paymentMethod"] = payment_method(call, "paymentMethod", dto.text("paymentMethod"))
    record["lines"] = changed_lines(
        dto.lines("lines"),
        record["lines"],
        "lineNbr",
        _fill_line,
        blank=lambda: {"quantity": 1.0, "unitPrice": 0.0},
    )
    net = sum(cents(line["extPrice"]) for line in record["lines"])
    vat = vat_cents(net)
    for name, value in (("vatTaxableTotal", net), ("taxTotal", vat), ("orderTotal", net + vat)):
        record[name] = record[f"{name}InBaseCurrency"] = money(value)


def _fill_line(line: Line, target: Record) -> None:
    if line.has("inventoryNumber"):
        target["inventory"] = {"number": line.text("inventoryNumber")}
    for name in ("lineDescription", "uom", "note"):
        if line.has(name):
            target[name] = line.text(name)
    for name in ("quantity", "unitPrice"):
        if line.has(name):
            target[name] = line.number(name) or 0.0
    target["openQty"] = target["quantity"]
    target["extPrice"] = money(round(float(target["quantity"]) * cents(target["unitPrice"])))
