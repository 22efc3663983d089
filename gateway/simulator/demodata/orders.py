"""Purchase orders (``PurchaseOrderDto``) for one demo company.

About half of the trading suppliers receive orders; suppliers with many invoices get more.
Order numbers follow the order date.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from gateway.simulator.demodata.catalog import Code, CompanyProfile
from gateway.simulator.demodata.common import (
    AS_OF,
    Record,
    convert,
    later,
    money,
    row_version,
    stamp,
    supplier_ref,
    weighted,
    working_moment,
)
from gateway.simulator.demodata.pricing import (
    PricedLine,
    account_of,
    market_of,
    pick_item,
    price_line,
)
from gateway.simulator.timeformat import document_date

OPEN_STATUSES = ("Open", "PendingPrint", "PendingEmail", "Printed")
_ORDER_TYPES = ("RegularOrder", "Blanket", "DropShip", "StandardBlanket")
_ORDER_TYPE_WEIGHTS = (85, 5, 6, 4)
_UNFINISHED = (*OPEN_STATUSES, "Hold", "Balanced")
_DROP_SHIP_LINE_TYPES = {"GoodsForInventory": "GoodsForDropShip", "NonStock": "NonStockForDropShip"}


def make_orders(
    rng: random.Random,
    profile: CompanyProfile,
    suppliers: list[Record],
    invoices: list[Record],
) -> list[Record]:
    """Generate the company's purchase orders, ordered by order number."""
    invoice_counts = Counter(invoice["supplier"]["number"] for invoice in invoices)
    trading = [s for s in suppliers if s["status"] in ("Active", "OnHold", "HoldPayments")]
    ordering = rng.sample(trading, len(trading) * 11 // 20)
    weights = [1 + min(invoice_counts[s["number"]], 120) // 4 for s in ordering]
    span = (AS_OF.date() - profile.first_day).days
    drafts = []
    for _ in range(profile.order_count):
        supplier = weighted(rng, ordering, weights)
        day = profile.first_day + timedelta(days=rng.randrange(span + 1))
        drafts.append((day, rng.random(), supplier))
    drafts.sort(key=lambda draft: (draft[0], draft[1]))
    return [
        _order(rng, profile, f"PO{profile.first_order_number + index:06d}", day, supplier)
        for index, (day, _, supplier) in enumerate(drafts)
    ]


def _order(
    rng: random.Random, profile: CompanyProfile, number: str, day: date, supplier: Record
) -> Record:
    market = market_of(profile, supplier)
    rate = market.rate_millis
    order_type = weighted(rng, _ORDER_TYPES, _ORDER_TYPE_WEIGHTS)
    status = _status(rng, (AS_OF.date() - day).days)
    promised = day + timedelta(days=rng.randint(5, 45))
    branch_code = profile.branches[0] if rng.randrange(2) == 0 else rng.choice(profile.branches)
    branch = {"number": branch_code.id, "name": branch_code.description}
    project = rng.choice(profile.projects) if rng.randrange(100) < profile.project_share else None
    task = rng.choice(profile.project_tasks)
    owner = rng.choice(profile.buyers)
    priced = [
        price_line(rng, pick_item(rng, profile, supplier), market) for _ in range(rng.randint(1, 5))
    ]
    line_total = sum(line.cost for line in priced)
    tax_total = sum(line.vat_amount for line in priced)
    exempt = sum(line.cost for line in priced if line.vat.rate == 0)
    order_total = line_total + tax_total
    unfinished = status in _UNFINISHED
    created = working_moment(rng, day)
    if status == "Closed":
        received = min(promised + timedelta(days=rng.randrange(10)), AS_OF.date())
        modified = max(created, working_moment(rng, received))
    else:
        modified = later(rng, created, 10)
    description = priced[0].item.description
    if project is not None:
        description = f"{description} - {project.description}"
    head = _Head(
        number, order_type, status, branch, project, task, profile.warehouse, day, promised
    )
    lines = [_line(index, line, head) for index, line in enumerate(priced, 1)]
    record: Record = {
        "orderType": order_type,
        "orderNbr": number,
        "hold": status == "Hold",
        "status": status,
        "date": document_date(day),
        "promisedOn": document_date(promised),
        "description": description,
        "supplier": supplier_ref(supplier),
        "owner": {"id": owner.id, "name": owner.description},
        "currency": market.currency.id,
        "exchangeRate": rate / 1000,
        "terms": dict(supplier["creditTerms"]),
        "lineTotal": money(line_total),
        "lineTotalInBaseCurrency": money(convert(line_total, rate)),
        "vatExemptTotal": money(exempt),
        "vatExemptTotalInBaseCurrency": money(convert(exempt, rate)),
        "taxTotal": money(tax_total),
        "taxTotalInBaseCurrency": money(convert(tax_total, rate)),
        "orderTotal": money(order_total),
        "orderTotalInBaseCurrency": money(convert(order_total, rate)),
        "controlTotal": money(order_total),
        "controlTotalInBaseCurrency": money(convert(order_total, rate)),
        "openQuantity": float(sum(line.quantity for line in priced)) if unfinished else 0.0,
        "openBalance": money(order_total) if unfinished else 0.0,
        "branch": branch,
        "shippingDestinationType": "CompanyLocation",
        "dontPrint": False,
        "printed": status in ("Printed", "Closed"),
        "dontEmail": True,
        "emailed": False,
        "lines": lines,
        "lastModifiedDateTime": stamp(rng, modified),
        "timeStamp": row_version(rng),
    }
    if status == "Closed":
        record["purchaseReceipts"] = [
            {
                "type": "PoReceipt",
                "receiptNumber": f"PR{number[2:]}",
                "status": "Released",
                "supplierName": supplier["name"],
                "currency": market.currency.id,
                "totalQty": float(sum(line.quantity for line in priced)),
                "totalAmt": money(line_total),
            }
        ]
    return record


@dataclass(frozen=True)
class _Head:
    """What every line of one order repeats."""

    number: str
    order_type: str
    status: str
    branch: Record
    project: Code | None
    task: Code
    warehouse: Code
    day: date
    promised: date


def _line(line_number: int, line: PricedLine, head: _Head) -> Record:
    item = line.item
    line_type = item.line_type
    if head.order_type == "DropShip":
        line_type = _DROP_SHIP_LINE_TYPES.get(line_type, line_type)
    closed = head.status == "Closed"
    record: Record = {
        "lineNbr": line_number,
        "branch": dict(head.branch),
        "inventory": {"number": item.number, "description": item.description},
        "lineType": line_type,
    }
    if item.stock:
        record["warehouse"] = {"id": head.warehouse.id, "description": head.warehouse.description}
    record |= {
        "lineDescription": item.description,
        "uom": item.uom,
        "orderQty": float(line.quantity),
        "qtyOnReceipts": float(line.quantity) if closed else 0.0,
        "unitCost": money(line.unit_cost),
        "unitCostInBaseCurrency": money(line.unit_cost_base),
        "extCost": money(line.cost),
        "discountPercent": 0.0,
        "discountAmount": 0.0,
        "manualDiscount": False,
        "amount": money(line.cost),
        "receivedAmt": money(line.cost) if closed else 0.0,
        "taxCategory": {"number": line.vat.id, "description": line.vat.description},
        "account": account_of(item),
        "requested": document_date(head.day),
        "promised": document_date(head.promised),
        "completed": closed,
        "canceled": head.status == "Cancelled",
        "orderType": head.order_type,
        "orderNumber": head.number,
    }
    if head.project is not None:
        record["project"] = {"id": head.project.id, "description": head.project.description}
        record["projectTask"] = {"id": head.task.id, "description": head.task.description}
    return record


def _status(rng: random.Random, age_days: int) -> str:
    if age_days > 90:
        return weighted(rng, ("Closed", "Cancelled", "Open", "Voided"), (82, 8, 8, 2))
    if age_days > 30:
        return weighted(rng, ("Open", "Closed", "Printed", "Cancelled"), (50, 40, 5, 5))
    return weighted(
        rng,
        ("Open", "Hold", "Balanced", "PendingPrint", "PendingEmail", "Printed"),
        (35, 15, 10, 10, 10, 20),
    )
