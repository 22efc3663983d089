"""Sales orders (``SalesOrderDto``) and their order types (``SalesOrderTypeDto``).

Orders sell the company's inventory items to its customers, in the customer's currency with
its terms, payment method and VAT zone; stock lines ship from the company's main warehouse.
Orders older than a month are finished (completed, invoiced or cancelled), newer ones are
still moving.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from gateway.simulator.demodata.catalog import CompanyProfile
from gateway.simulator.demodata.common import (
    AS_OF,
    Record,
    convert,
    digits,
    later,
    money,
    percent_of,
    period,
    stamp,
    weighted,
    working_moment,
)
from gateway.simulator.demodata.customers import sizes_of
from gateway.simulator.demodata.receivables import market_of_customer
from gateway.simulator.timeformat import document_date

# (type, description, behaviour, operation, customer document type, weight)
_TYPES = (
    ("SO", "Sales order", "SalesOrder", "Issue", "Invoice", 84),
    ("QT", "Quote", "Quote", "Issue", "NoUpdate", 10),
    ("CR", "Credit memo", "CreditMemo", "Receipt", "CreditMemo", 4),
    ("IN", "Invoice", "Invoice", "Issue", "Invoice", 2),
)
_DONE = ("Completed", "Invoiced", "Cancelled")
_DONE_WEIGHTS = (70, 25, 5)
_MOVING = ("Open", "Hold", "BackOrder", "Shipping", "CreditHold", "PendingApproval")
_MOVING_WEIGHTS = (50, 10, 10, 20, 5, 5)


def make_order_types() -> list[Record]:
    """The order types the orders use, by id."""
    return sorted(
        (
            {
                "orderType": kind,
                "active": True,
                "description": description,
                "behavior": behaviour,
                "defaultOperation": operation,
                "customerDocumentType": document,
            }
            for kind, description, behaviour, operation, document, _ in _TYPES
        ),
        key=lambda t: str(t["orderType"]),
    )


def make_sales_orders(
    rng: random.Random, profile: CompanyProfile, customers: list[Record], projects: list[Record]
) -> list[Record]:
    """The company's sales orders, ordered by order number."""
    buyers = [c for c in customers if c["status"] not in ("Inactive", "OneTime")]
    weights = [1 + (c["internalId"] % 5) ** 2 for c in buyers]
    clients = {p["customer"]["number"]: p for p in projects}
    span = (AS_OF.date() - profile.first_day).days
    orders = []
    for index in range(sizes_of(profile).orders):
        customer = weighted(rng, buyers, weights)
        kind = weighted(rng, _TYPES, [t[-1] for t in _TYPES])
        day = profile.first_day + timedelta(days=rng.randrange(span + 1))
        order = _order(rng, profile, customer, kind, day, f"{index + 1:06d}")
        project = clients.get(customer["number"])
        if project is not None:
            order["projectCD"] = project["projectID"]
        orders.append(order)
    return orders


def _order(
    rng: random.Random,
    profile: CompanyProfile,
    customer: Record,
    kind: tuple[str, str, str, str, str, int],
    day: date,
    number: str,
) -> Record:
    market = market_of_customer(profile, customer)
    finished = (AS_OF.date() - day).days > 30
    status = (
        weighted(rng, _DONE, _DONE_WEIGHTS) if finished else weighted(rng, _MOVING, _MOVING_WEIGHTS)
    )
    branch = profile.branches[int(number) % len(profile.branches)]
    branch_ref = {"number": branch.id, "name": branch.description}
    warehouse = {"id": profile.warehouse.id, "description": profile.warehouse.description}
    lines = []
    net = tax = 0
    for line_number in range(1, rng.randint(1, 5) + 1):
        item = rng.choice(profile.items)
        quantity = rng.randint(*item.quantity_range)
        price = rng.randint(*item.price_range) * rng.randint(120, 160) // 100
        unit = (price * 1000 + market.rate_millis // 2) // market.rate_millis
        amount = unit * quantity
        vat = market.vat_override or item.vat
        net += amount
        tax += percent_of(amount, vat.rate)
        line: Record = {
            "operation": kind[3],
            "freeItem": False,
            "requestedOn": document_date(day + timedelta(days=7)),
            "shipOn": document_date(day + timedelta(days=7)),
            "shipComplete": "BackOrderAllowed",
            "completed": status in _DONE,
            "markForPO": False,
            "poSource": "None",
            "taxCategory": vat.id,
            "commissionable": False,
            "lineNbr": line_number,
            "sortOrder": line_number,
            "inventory": {"number": item.number, "description": item.description},
            "uom": item.uom,
            "quantity": float(quantity),
            "qtyOnShipments": 0.0,
            "openQty": 0.0 if status in _DONE else float(quantity),
            "unitPrice": money(unit),
            "unitPriceInBaseCurrency": money(convert(unit, market.rate_millis)),
            "discountPercent": 0.0,
            "discountAmount": 0.0,
            "manualDiscount": False,
            "discUnitPrice": money(unit),
            "extPrice": money(amount),
            "unbilledAmount": 0.0 if status in _DONE else money(amount),
            "lineDescription": item.description,
            "branchNumber": dict(branch_ref),
        }
        if item.stock:
            line["warehouse"] = dict(warehouse)
        lines.append(line)
    total = net + tax
    created = working_moment(rng, day)
    return {
        "printDescriptionOnInvoice": False,
        "printNoteOnExternalDocuments": False,
        "printNoteOnInternalDocuments": False,
        "customerVATZone": dict(customer["vatZone"]),
        "invoiceSeparately": False,
        "terms": dict(customer["creditTerms"]),
        "postPeriod": period(day),
        "shipSeparately": False,
        "shipComplete": "BackOrderAllowed",
        "canceled": status == "Cancelled",
        "preferredWarehouse": warehouse,
        "priority": 0,
        "residentialDelivery": False,
        "saturdayDelivery": False,
        "insurance": False,
        "paymentMethod": {
            "id": market.payment_method.id,
            "description": market.payment_method.description,
        },
        "cashAccount": profile.cash_account,
        "isRotRutDeductible": False,
        "emailed": status in _DONE,
        "lines": lines,
        "orderType": kind[0],
        "orderNo": number,
        "status": status,
        "hold": status == "Hold",
        "date": document_date(day),
        "requestOn": document_date(day + timedelta(days=7)),
        "customerOrder": f"{customer['number']}-{digits(rng, 4)}",
        "customer": {
            "internalId": customer["internalId"],
            "number": customer["number"],
            "name": customer["name"],
        },
        "contactId": customer["mainContact"]["contactId"],
        "location": dict(customer["location"]),
        "currency": customer["currencyId"],
        "description": lines[0]["lineDescription"],
        "orderTotal": money(total),
        "orderTotalInBaseCurrency": money(convert(total, market.rate_millis)),
        "vatTaxableTotal": money(net) if tax else 0.0,
        "vatTaxableTotalInBaseCurrency": money(convert(net, market.rate_millis)) if tax else 0.0,
        "vatExemptTotal": 0.0 if tax else money(net),
        "vatExemptTotalInBaseCurrency": 0.0 if tax else money(convert(net, market.rate_millis)),
        "taxTotal": money(tax),
        "taxTotalInBaseCurrency": money(convert(tax, market.rate_millis)),
        "exchangeRate": market.rate_millis / 1000,
        "discountTotal": 0.0,
        "discountTotalInBaseCurrency": 0.0,
        "lastModifiedDateTime": stamp(rng, later(rng, created, 30)),
        "branchNumber": branch_ref,
    }
