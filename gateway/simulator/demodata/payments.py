"""Supplier payments (``SupplierPaymentDto``) for one demo company.

Each ordinary payment settles one to six invoices of one supplier that are closed or
part-paid, so every ``paymentLines[].invoiceRefNbr`` points at a real invoice of the same
supplier. A few prepayments carry no lines and stay open.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from gateway.simulator.demodata.catalog import CompanyProfile
from gateway.simulator.demodata.common import (
    AS_OF,
    Record,
    cents,
    digits,
    money,
    period,
    row_version,
    stamp,
    supplier_ref,
    weighted,
    working_moment,
)
from gateway.simulator.demodata.pricing import market_of
from gateway.simulator.timeformat import document_date, read_stamp

_PAYABLE_TYPES = ("Invoice", "CreditAdj")
_MAX_LINES = 6
_PREPAYMENT_SHARE = 15  # one payment in this many is a prepayment


@dataclass(frozen=True)
class _Draft:
    day: date
    tiebreak: float
    supplier: Record
    invoices: tuple[Record, ...]


def make_payments(
    rng: random.Random,
    profile: CompanyProfile,
    suppliers: list[Record],
    invoices: list[Record],
) -> list[Record]:
    """Generate the company's supplier payments, ordered by reference number."""
    supplier_by_number = {supplier["number"]: supplier for supplier in suppliers}
    payable: dict[str, list[Record]] = {}
    for invoice in invoices:
        if _is_paid(invoice):
            payable.setdefault(invoice["supplier"]["number"], []).append(invoice)
    prepayments = profile.payment_count // _PREPAYMENT_SHARE
    drafts = [
        _settlement(rng, supplier_by_number, payable)
        for _ in range(profile.payment_count - prepayments)
    ]
    active = [s for s in suppliers if s["status"] == "Active"]
    span = (AS_OF.date() - profile.first_day).days
    for _ in range(prepayments):
        day = profile.first_day + timedelta(days=rng.randrange(span + 1))
        drafts.append(_Draft(day, rng.random(), rng.choice(active), ()))
    drafts.sort(key=lambda draft: (draft.day, draft.tiebreak))
    return [
        _payment(rng, profile, f"{profile.first_payment_number + index:06d}", draft)
        for index, draft in enumerate(drafts)
    ]


def _is_paid(invoice: Record) -> bool:
    """Closed or part-paid invoices and credit adjustments: those a payment has touched."""
    if invoice["documentType"] not in _PAYABLE_TYPES:
        return False
    status: str = invoice["status"]
    part_paid: bool = status == "Open" and invoice["balanceInCurrency"] < invoice["amount"]
    return status == "Closed" or part_paid


def _settlement(
    rng: random.Random, supplier_by_number: dict[str, Record], payable: dict[str, list[Record]]
) -> _Draft:
    """Pick a supplier (weighted by what it has to settle) and some of its paid invoices."""
    numbers = sorted(number for number, pool in payable.items() if pool)
    number = weighted(rng, numbers, [len(payable[n]) for n in numbers])
    pool = payable[number]
    picked = [
        pool.pop(rng.randrange(len(pool)))
        for _ in range(min(len(pool), rng.randint(1, _MAX_LINES)))
    ]
    picked.sort(key=lambda invoice: invoice["referenceNumber"])
    earliest = max(_day(invoice["date"]) for invoice in picked)
    due = max(_day(invoice["dueDate"]) for invoice in picked)
    day = min(max(due + timedelta(days=rng.randrange(-3, 6)), earliest), AS_OF.date())
    return _Draft(day, rng.random(), supplier_by_number[number], tuple(picked))


def _payment(rng: random.Random, profile: CompanyProfile, number: str, draft: _Draft) -> Record:
    supplier = draft.supplier
    market = market_of(profile, supplier)
    currency = market.currency
    prepayment = not draft.invoices
    if prepayment:
        applied = 0
        unapplied = rng.randrange(500000, 20000000)
        status = "Open"
    else:
        applied = sum(_paid(invoice) for invoice in draft.invoices)
        unapplied = 0
        status = _status(rng, (AS_OF.date() - draft.day).days)
    branch = draft.invoices[0]["branchNumber"]["number"] if draft.invoices else "1"
    modified = working_moment(rng, min(draft.day + timedelta(days=rng.randrange(3)), AS_OF.date()))
    return {
        "type": "Prepayment" if prepayment else "Payment",
        "documentType": "Prepayment" if prepayment else "Payment",
        "refNbr": number,
        "status": status,
        "hold": status == "Hold",
        "applicationDate": document_date(draft.day),
        "applicationPeriod": period(draft.day),
        "paymentRef": digits(rng, 11),
        "supplier": supplier_ref(supplier),
        "location": dict(supplier["location"]),
        "paymentMethod": supplier["paymentMethod"]["id"],
        "cashAccount": profile.cash_account,
        "currency": {
            "id": currency.id,
            "description": currency.description,
            "symbol": currency.symbol,
            "isBaseCurrency": currency.id == profile.base_currency.id,
            "decimalPrecision": 2,
            "isUsedForAccounting": True,
        },
        "description": f"{profile.payment_word} {supplier['name']}",
        "paymentAmount": money(applied + unapplied),
        "financeCharges": 0.0,
        "balance": money(unapplied),
        "unappliedBalance": money(unapplied),
        "appliedAmount": money(applied),
        "released": status not in ("Hold", "Balanced"),
        "lastModifiedDateTime": stamp(rng, modified),
        "branch": branch,
        "paymentLines": [_line(invoice, draft.day) for invoice in draft.invoices],
        "timeStamp": row_version(rng),
    }


def _line(invoice: Record, day: date) -> Record:
    return {
        "branch": invoice["branchNumber"]["number"],
        "docType": invoice["documentType"],
        "invoiceRefNbr": invoice["referenceNumber"],
        "amountPaid": money(_paid(invoice)),
        "cashDiscountTaken": 0.0,
        "withholdingTax": 0.0,
        "applicationPeriod": period(day),
        "date": invoice["date"],
        "dueDate": invoice["dueDate"],
        "cashDiscountDate": invoice["cashDiscountDate"],
        "balance": invoice["balanceInCurrency"],
        "cashDiscountBalance": 0.0,
        "description": invoice["description"],
        "currency": invoice["currencyId"],
        "postPeriod": invoice["postPeriod"],
        "supplierRef": invoice["supplierReference"],
    }


def _paid(invoice: Record) -> int:
    return cents(invoice["amount"]) - cents(invoice["balanceInCurrency"])


def _status(rng: random.Random, age_days: int) -> str:
    if age_days > 5:
        return "Closed"
    return weighted(rng, ("Closed", "Balanced", "Hold"), (60, 25, 15))


def _day(document_date_text: str) -> date:
    return read_stamp(document_date_text).date()
