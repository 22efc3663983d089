"""Customer invoices (``CustomerInvoiceDto``) and the payments (``PaymentDto``) settling them.

Lines sell the company's inventory items with a markup, in the customer's currency at its
market's rate, posted to the ledger's sales account with the item's VAT code (the market's
code abroad). Payments are made before balances are written: every ``paymentLines[]`` entry
points at an invoice of the same customer, and each invoice's ``balance`` is its amount
less what the payments applied to it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from gateway.simulator.demodata.catalog import CompanyProfile, Market
from gateway.simulator.demodata.common import (
    AS_OF,
    Record,
    convert,
    digits,
    money,
    percent_of,
    period,
    stamp,
    weighted,
    working_moment,
)
from gateway.simulator.demodata.customers import sizes_of
from gateway.simulator.timeformat import document_date, read_stamp

_TYPES = ("Invoice", "CreditNote", "DebitNote")
_TYPE_WEIGHTS = (93, 4, 3)
_FIRST_INVOICE = 700001
_FIRST_PAYMENT = 900001
_PAYABLE = ("Invoice", "DebitNote")


def market_of_customer(profile: CompanyProfile, customer: Record) -> Market:
    """The market a customer belongs to (by country and currency)."""
    for market in profile.markets:
        same_currency = market.currency.id == customer["currencyId"]
        if market.country.id == customer["location"]["countryId"] and same_currency:
            return market
    return profile.markets[0]


def ledger_account(ledger: dict[str, list[Record]], kind: str, prefix: str) -> Record:
    """The lowest-numbered account of ``kind`` whose number starts with ``prefix``."""
    account = min(
        (a for a in ledger["account"] if a["type"] == kind and a["accountCD"].startswith(prefix)),
        key=lambda a: str(a["accountCD"]),
    )
    return {"type": kind, "number": account["accountCD"], "description": account["description"]}


@dataclass
class _Paid:
    """What payments applied to one invoice, in document-currency cents."""

    invoice: Record
    total: int
    open: int  # the balance left, in cents of the invoice currency


def make_invoices(
    rng: random.Random,
    profile: CompanyProfile,
    customers: list[Record],
    projects: list[Record],
    ledger: dict[str, list[Record]],
) -> list[Record]:
    """The company's customer invoices, ordered by reference number, balances still full."""
    buyers = [c for c in customers if c["status"] != "Inactive"]
    weights = [1 + (c["internalId"] % 7) ** 2 for c in buyers]
    clients = {p["customer"]["number"]: p for p in projects}
    sales = ledger_account(ledger, "Income", "3")
    receivable = ledger_account(ledger, "Asset", "15")
    span = (AS_OF.date() - profile.first_day).days
    invoices = []
    for index in range(sizes_of(profile).invoices):
        customer = weighted(rng, buyers, weights)
        day = profile.first_day + timedelta(days=rng.randrange(span + 1))
        project = clients.get(customer["number"])
        invoices.append(
            _invoice(
                rng, profile, customer, project, day, _FIRST_INVOICE + index, sales, receivable
            )
        )
    return invoices


def _invoice(
    rng: random.Random,
    profile: CompanyProfile,
    customer: Record,
    project: Record | None,
    day: date,
    number: int,
    sales: Record,
    receivable: Record,
) -> Record:
    market = market_of_customer(profile, customer)
    kind = weighted(rng, _TYPES, _TYPE_WEIGHTS)
    branch = profile.branches[number % len(profile.branches)]
    branch_ref = {"number": branch.id, "name": branch.description}
    lines = []
    net = vat_total = 0
    for line_number in range(1, rng.randint(1, 4) + 1):
        item = rng.choice(profile.items)
        quantity = rng.randint(*item.quantity_range)
        price = rng.randint(*item.price_range) * rng.randint(120, 160) // 100
        unit = (price * 1000 + market.rate_millis // 2) // market.rate_millis
        amount = unit * quantity
        vat = market.vat_override or item.vat
        net += amount
        vat_total += percent_of(amount, vat.rate)
        line: Record = {
            "lineNumber": line_number,
            "inventoryNumber": item.number,
            "description": item.description,
            "quantity": float(quantity),
            "unitPrice": money(convert(unit, market.rate_millis)),
            "unitPriceInCurrency": money(unit),
            "amount": money(convert(amount, market.rate_millis)),
            "amountInCurrency": money(amount),
            "account": dict(sales),
            "vatCode": {"id": vat.id, "description": vat.description},
            "uom": item.uom,
            "discountPercent": 0.0,
            "discountAmount": 0.0,
            "manualDiscount": False,
            "branchNumber": dict(branch_ref),
        }
        if project is not None:
            task = project["tasks"][line_number % len(project["tasks"])]
            line["projectTask"] = {"id": task["taskId"], "description": task["description"]}
        lines.append(line)
    total = net + vat_total
    created = working_moment(rng, day)
    days = profile.credit_days(customer["creditTerms"]["id"])
    record: Record = {
        "creditTerms": dict(customer["creditTerms"]),
        "documentDueDate": document_date(day + timedelta(days=days)),
        "exchangeRate": market.rate_millis / 1000,
        "invoiceLines": lines,
        "customerVatZone": {
            "id": customer["vatZone"]["id"],
            "description": market.vat_zone.description,
        },
        "hold": False,
        "detailTotal": money(convert(net, market.rate_millis)),
        "detailTotalInCurrency": money(net),
        "vatTaxableTotal": money(convert(net, market.rate_millis)) if vat_total else 0.0,
        "vatTaxableTotalInCurrency": money(net) if vat_total else 0.0,
        "vatExemptTotal": 0.0 if vat_total else money(convert(net, market.rate_millis)),
        "vatExemptTotalInCurrency": 0.0 if vat_total else money(net),
        "paymentReference": f"{number}{digits(rng, 4)}",
        "dontPrint": True,
        "dontEmail": False,
        "revoked": False,
        "customer": {"number": customer["number"], "name": customer["name"]},
        "documentType": kind,
        "referenceNumber": str(number),
        "postPeriod": period(day),
        "financialPeriod": period(day),
        "documentDate": document_date(day),
        "status": "Open",
        "currencyId": customer["currencyId"],
        "amount": money(convert(total, market.rate_millis)),
        "amountInCurrency": money(total),
        "balance": money(convert(total, market.rate_millis)),
        "balanceInCurrency": money(total),
        "cashDiscount": 0.0,
        "cashDiscountInCurrency": 0.0,
        "paymentMethod": {
            "id": market.payment_method.id,
            "description": market.payment_method.description,
        },
        "customerRefNumber": f"PO-{digits(rng, 5)}",
        "invoiceText": lines[0]["description"],
        "lastModifiedDateTime": stamp(rng, created),
        "createdDateTime": stamp(rng, created),
        "vatTotal": money(convert(vat_total, market.rate_millis)),
        "vatTotalInCurrency": money(vat_total),
        "location": dict(customer["location"]),
        "branchNumber": branch_ref,
        "account": dict(receivable),
    }
    if project is not None:
        record["project"] = {"id": project["projectID"], "description": project["description"]}
    return record


def make_payments(
    rng: random.Random, profile: CompanyProfile, invoices: list[Record]
) -> list[Record]:
    """Pay most due invoices (some in part), one to three of a customer at once, then write
    each invoice's balance and status; returns the payments ordered by reference number."""
    paid: dict[str, list[_Paid]] = {}
    for invoice in invoices:
        due = date.fromisoformat(invoice["documentDueDate"][:10])
        if invoice["documentType"] not in _PAYABLE:
            continue
        overdue = (AS_OF.date() - due).days
        share = 94 if overdue > 20 else 60 if overdue > 0 else 25
        if rng.randrange(100) >= share:
            continue
        total = round(invoice["amountInCurrency"] * 100)
        part = total if rng.randrange(25) else total * rng.randint(30, 80) // 100
        paid.setdefault(invoice["customer"]["number"], []).append(
            _Paid(invoice, part, total - part)
        )
    payments = []
    for number in sorted(paid):
        batch = paid[number]
        start = 0
        while start < len(batch):
            size = rng.randint(1, 3)
            payment = _payment(rng, profile, batch[start : start + size])
            for entry in batch[start : start + size]:
                _touch(entry.invoice, payment["lastModifiedDateTime"])
            payments.append(payment)
            start += size
    payments.sort(key=lambda p: (p["applicationDate"], p["paymentRef"]))
    for index, payment in enumerate(payments):
        payment["refNbr"] = str(_FIRST_PAYMENT + index)
    for entries in paid.values():
        for entry in entries:
            _settle(entry)
    for invoice in invoices:
        if invoice["documentType"] not in _PAYABLE and (AS_OF.date() - _day(invoice)).days > 60:
            invoice["status"] = "Closed"
            invoice["balance"] = invoice["balanceInCurrency"] = 0.0
    return payments


def _touch(invoice: Record, moment: str) -> None:
    """A payment applied to an invoice changes it."""
    if read_stamp(moment) > read_stamp(invoice["lastModifiedDateTime"]):
        invoice["lastModifiedDateTime"] = moment


def _day(record: Record) -> date:
    return date.fromisoformat(record["documentDate"][:10])


def _settle(entry: _Paid) -> None:
    invoice = entry.invoice
    rate = invoice["exchangeRate"]
    invoice["balanceInCurrency"] = money(entry.open)
    invoice["balance"] = money(convert(entry.open, round(rate * 1000)))
    invoice["status"] = "Closed" if entry.open == 0 else "Open"


def _payment(rng: random.Random, profile: CompanyProfile, batch: list[_Paid]) -> Record:
    first = batch[0].invoice
    latest_due = max(date.fromisoformat(e.invoice["documentDueDate"][:10]) for e in batch)
    latest_doc = max(_day(e.invoice) for e in batch)
    day = min(max(latest_due + timedelta(days=rng.randint(-6, 9)), latest_doc), AS_OF.date())
    rate_millis = round(first["exchangeRate"] * 1000)
    in_currency = sum(e.total for e in batch)
    base = convert(in_currency, rate_millis)
    moment = working_moment(rng, day)
    lines = [
        {
            "documentType": e.invoice["documentType"],
            "refNbr": e.invoice["referenceNumber"],
            "amountPaid": money(e.total),
            "cashDiscountTaken": 0.0,
            "balanceWriteOff": 0.0,
            "date": e.invoice["documentDate"],
            "dueDate": e.invoice["documentDueDate"],
            "balance": money(e.open),
            "cashDiscountBalance": 0.0,
            "description": e.invoice["invoiceText"],
            "currency": e.invoice["currencyId"],
            "postPeriod": e.invoice["postPeriod"],
            "customerOrder": e.invoice["customerRefNumber"],
            "crossRate": 1.0,
        }
        for e in batch
    ]
    return {
        "type": "Payment",
        "refNbr": "",
        "status": "Closed",
        "hold": False,
        "applicationDate": document_date(day),
        "applicationPeriod": period(day),
        "paymentRef": first["paymentReference"],
        "customer": dict(first["customer"]),
        "location": dict(first["location"]),
        "paymentMethod": dict(first["paymentMethod"]),
        "cashAccount": profile.cash_account,
        "currency": first["currencyId"],
        "paymentAmount": money(base),
        "invoiceText": f"{profile.payment_word} {first['customer']['name']}",
        "appliedToDocuments": money(base),
        "appliedToOrders": 0.0,
        "availableBalance": 0.0,
        "writeOffAmount": 0.0,
        "financeCharges": 0.0,
        "deductedCharges": 0.0,
        "branch": first["branchNumber"]["number"],
        "lastModifiedDateTime": stamp(rng, moment),
        "paymentLines": lines,
        "ordersToApply": [],
        "financialDetails": {"paymentDate": document_date(day)},
        "paymentAmountInCurrency": money(in_currency),
        "availableBalanceInCurrency": 0.0,
    }
