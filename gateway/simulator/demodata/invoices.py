"""Supplier invoices (``SupplierInvoiceDto``) for one demo company.

Invoice counts per supplier are skewed like real ledgers: many suppliers have a handful of
documents or none, a few have hundreds. Reference numbers follow the document date, as a
number series does.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from gateway.simulator.demodata.catalog import Code, CompanyProfile
from gateway.simulator.demodata.common import (
    AS_OF,
    Record,
    convert,
    digits,
    later,
    money,
    period,
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

BIG_SUPPLIERS = 3
_BIG_RANGE = (400, 700)
_MID_SUPPLIERS = 5
_MID_RANGE = (60, 150)
_SMALL_CAP = 40
# Relative sizes for ordinary suppliers, scaled afterwards to hit the company's total.
_SMALL_BUCKETS = ((0, 0), (1, 8), (9, 20), (21, 32), (33, 40))
_SMALL_WEIGHTS = (12, 22, 26, 24, 16)
_DOC_TYPES = ("Invoice", "DebitAdj", "CreditAdj", "Prepayment")
_DOC_WEIGHTS = (88, 6, 4, 2)
_LINE_COUNTS = (1, 1, 1, 2, 2, 3, 4)


@dataclass(frozen=True)
class _Draft:
    day: date
    tiebreak: float
    supplier: Record


def make_invoices(
    rng: random.Random, profile: CompanyProfile, suppliers: list[Record]
) -> list[Record]:
    """Generate the company's supplier invoices, ordered by reference number."""
    counts = _plan_counts(rng, profile, suppliers)
    span = (AS_OF.date() - profile.first_day).days
    drafts = []
    for supplier, count in zip(suppliers, counts, strict=True):
        # Inactive suppliers stopped trading a while ago.
        supplier_span = span * 3 // 5 if supplier["status"] == "Inactive" else span
        for _ in range(count):
            day = profile.first_day + timedelta(days=rng.randrange(supplier_span + 1))
            drafts.append(_Draft(day, rng.random(), supplier))
    drafts.sort(key=lambda draft: (draft.day, draft.tiebreak))
    return [
        _invoice(rng, profile, f"{profile.first_invoice_number + index:06d}", draft)
        for index, draft in enumerate(drafts)
    ]


def _plan_counts(rng: random.Random, profile: CompanyProfile, suppliers: list[Record]) -> list[int]:
    reserved = len(suppliers) - 1
    counts = [0] * len(suppliers)
    active = [i for i, s in enumerate(suppliers) if s["status"] == "Active" and i != reserved]
    big = rng.sample(active, BIG_SUPPLIERS)
    mid = rng.sample([i for i in active if i not in big], _MID_SUPPLIERS)
    for index in big:
        counts[index] = rng.randint(*_BIG_RANGE)
    for index in mid:
        counts[index] = rng.randint(*_MID_RANGE)
    counts[reserved] = rng.randint(8, 20)
    small = []
    for index, supplier in enumerate(suppliers):
        if index in big or index in mid or index == reserved:
            continue
        if supplier["status"] == "OneTime":
            counts[index] = 1
            continue
        counts[index] = rng.randint(*weighted(rng, _SMALL_BUCKETS, _SMALL_WEIGHTS))
        small.append(index)
    fixed = sum(counts) - sum(counts[i] for i in small)
    _scale(rng, counts, small, profile.invoice_count - fixed)
    return counts


def _scale(rng: random.Random, counts: list[int], indices: list[int], target: int) -> None:
    """Scale the counts at ``indices`` to sum to ``target``, keeping zeros and the cap."""
    raw_total = sum(counts[i] for i in indices)
    for i in indices:
        counts[i] = min(_SMALL_CAP, counts[i] * target // raw_total)
    adjustable = [i for i in indices if counts[i] > 0]
    missing = target - sum(counts[i] for i in indices)
    while missing:
        index = rng.choice(adjustable)
        if missing > 0 and counts[index] < _SMALL_CAP:
            counts[index] += 1
            missing -= 1
        elif missing < 0 and counts[index] > 1:
            counts[index] -= 1
            missing += 1


def _invoice(rng: random.Random, profile: CompanyProfile, number: str, draft: _Draft) -> Record:
    supplier = draft.supplier
    market = market_of(profile, supplier)
    doc_type = weighted(rng, _DOC_TYPES, _DOC_WEIGHTS)
    due = draft.day + timedelta(days=profile.credit_days(supplier["creditTerms"]["id"]))
    status = _status(rng, doc_type, (AS_OF.date() - draft.day).days)
    branch = _branch(rng, profile)
    project = rng.choice(profile.projects) if rng.randrange(100) < profile.project_share else None
    task = rng.choice(profile.project_tasks)
    priced = [
        price_line(rng, pick_item(rng, profile, supplier), market)
        for _ in range(rng.choice(_LINE_COUNTS))
    ]
    detail = sum(line.cost for line in priced)
    detail_base = sum(line.cost_base for line in priced)
    vat = sum(line.vat_amount for line in priced)
    total = detail + vat
    balance = _balance(rng, status, doc_type, total)
    created = working_moment(rng, draft.day + timedelta(days=rng.randrange(4)))
    if status == "Closed":
        settled = min(due + timedelta(days=rng.randrange(-5, 20)), AS_OF.date())
        modified = max(created, working_moment(rng, settled))
    else:
        modified = later(rng, created, 6)
    description = priced[0].item.description
    if project is not None:
        description = f"{description} - {project.description}"
    if doc_type in ("DebitAdj", "CreditAdj"):
        description = f"{profile.credit_note_word}: {description}"
    record: Record = {
        "documentType": doc_type,
        "referenceNumber": number,
        "status": status,
        "hold": status == "Hold",
        "approvalStatus": _approval(rng, status),
        "date": document_date(draft.day),
        "origInvoiceDate": document_date(draft.day),
        "dueDate": document_date(due),
        "cashDiscountDate": document_date(draft.day),
        "payDate": document_date(due),
        "postPeriod": period(draft.day),
        "financialPeriod": period(draft.day),
        "supplier": supplier_ref(supplier),
        "location": dict(supplier["location"]),
        "currencyId": market.currency.id,
        "exchangeRate": market.rate_millis / 1000,
        "creditTerms": dict(supplier["creditTerms"]),
        "paymentMethod": dict(supplier["paymentMethod"]),
        "cashAccount": profile.cash_account,
        "paymentRefNo": digits(rng, 10),
        "supplierReference": _supplier_reference(rng, supplier, draft.day),
        "description": description,
        "amount": money(total),
        "vatAmount": money(vat),
        "detailTotal": money(detail_base),
        "detailTotalInCurrency": money(detail),
        "vatTotal": money(convert(vat, market.rate_millis)),
        "vatTotalInCurrency": money(vat),
        "balance": money(convert(balance, market.rate_millis)),
        "balanceInCurrency": money(balance),
        "cashDiscount": 0.0,
        "cashDiscountInCurrency": 0.0,
        "roundingDiff": 0.0,
        "taxCalculationMode": "TaxSetting",
        "paySelected": False,
        "retainageApply": False,
        "documentVersionNumber": 1 + rng.randrange(3),
        "branchNumber": branch,
        "invoiceLines": [
            _line(line_number, line, branch, project, task)
            for line_number, line in enumerate(priced, 1)
        ],
        "createdDateTime": stamp(rng, created),
        "lastModifiedDateTime": stamp(rng, modified),
        "timeStamp": row_version(rng),
    }
    if status == "Closed":
        record["closedFinancialPeriod"] = period(modified.date())
    return record


def _line(
    line_number: int, line: PricedLine, branch: Record, project: Code | None, task: Code
) -> Record:
    record: Record = {
        "lineNumber": line_number,
        "inventoryNumber": line.item.number,
        "stockItem": line.item.stock,
        "transactionDescription": line.item.description,
        "quantity": float(line.quantity),
        "uom": line.item.uom,
        "unitCost": money(line.unit_cost_base),
        "unitCostInCurrency": money(line.unit_cost),
        "cost": money(line.cost_base),
        "costInCurrency": money(line.cost),
        "discountPercent": 0.0,
        "discountAmount": 0.0,
        "discountAmountInCurrency": 0.0,
        "manualDiscount": False,
        "account": {**account_of(line.item), "active": True},
        "vatCode": {"id": line.vat.id, "description": line.vat.description},
        "branchNumber": dict(branch),
    }
    if project is not None:
        record["project"] = {"id": project.id, "description": project.description}
        record["projectTask"] = {"id": task.id, "description": task.description}
    return record


def _status(rng: random.Random, doc_type: str, age_days: int) -> str:
    if doc_type == "Prepayment":
        return "Closed" if age_days > 60 else "Open"
    if age_days > 120:
        return weighted(rng, ("Closed", "Open", "Voided", "Hold"), (93, 4, 2, 1))
    if age_days > 45:
        return weighted(rng, ("Closed", "Open", "Voided", "Hold"), (75, 22, 1, 2))
    return weighted(rng, ("Open", "Closed", "Hold", "Balanced", "Prebooked"), (60, 12, 12, 10, 6))


def _balance(rng: random.Random, status: str, doc_type: str, total: int) -> int:
    """The open amount: part-paid for some open invoices, all of it while unreleased."""
    if status == "Open":
        if doc_type == "Invoice" and rng.randrange(5) == 0:
            return total * rng.randint(20, 80) // 100
        return total
    if status in ("Hold", "Balanced", "Prebooked"):
        return total
    return 0


def _approval(rng: random.Random, status: str) -> str:
    if status in ("Hold", "Balanced"):
        return weighted(
            rng,
            ("New", "SentToApproval", "InProgressApproval", "RejectedInApproval"),
            (50, 25, 20, 5),
        )
    return "ApprovedInApproval"


def _branch(rng: random.Random, profile: CompanyProfile) -> Record:
    # The head office branch books about half of everything.
    branches = profile.branches
    chosen = branches[0] if rng.randrange(2) == 0 else rng.choice(branches)
    return {"number": chosen.id, "name": chosen.description}


def _supplier_reference(rng: random.Random, supplier: Record, day: date) -> str:
    # Each supplier numbers its own invoices in one consistent style.
    style = supplier["internalId"] % 4
    if style == 0:
        return str(rng.randrange(10000, 100000))
    if style == 1:
        return f"F{day.year}-{rng.randrange(1, 100000):05d}"
    if style == 2:
        return f"INV-{rng.randrange(100000, 1000000)}"
    return f"{day.year}{rng.randrange(1, 10000):04d}"
