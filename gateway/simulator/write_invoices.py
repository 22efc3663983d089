"""Supplier invoice writes: create, update (``SupplierInvoiceUpdateDto``) and release."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime

from starlette.responses import Response

from gateway.simulator.demodata.common import cents, money
from gateway.simulator.dto import Dto, Line, changed_lines
from gateway.simulator.errors import bad_request, invalid_field, not_found
from gateway.simulator.filters import Record
from gateway.simulator.responses import etag
from gateway.simulator.store import INVOICE_TYPES
from gateway.simulator.timeformat import document_date
from gateway.simulator.writecall import (
    WriteCall,
    action_done,
    attached,
    codes,
    created,
    lookup,
    supplier_reference,
    updated,
)

_TEXT = (
    "postPeriod",
    "financialPeriod",
    "supplierReference",
    "description",
    "paymentRefNo",
    "note",
    "cashAccount",
    "paymentMessage",
)
_DATES = ("date", "origInvoiceDate", "dueDate", "cashDiscountDate", "payDate")
_UNRELEASED = ("Hold", "Balanced")
# A prebooked invoice is released as it is.
_RELEASABLE = (*_UNRELEASED, "Prebooked")


def create_invoice(call: WriteCall) -> Response:
    dto = call.dto()
    ledger = call.ledger
    supplier = supplier_reference(call, "supplierNumber", dto.required_text("supplierNumber"))
    number = dto.text("referenceNumber") or ledger.next_number(
        ledger.data.invoices, "referenceNumber"
    )
    if ledger.invoice(number) is not None:
        raise invalid_field("ReferenceNumber", f"'{number}' is already used.")
    today = document_date(datetime.fromtimestamp(call.now, UTC).date())
    found = ledger.supplier(supplier["number"])
    record: Record = {
        "documentType": dto.choice("documentType", INVOICE_TYPES) or "Invoice",
        "referenceNumber": number,
        "hold": False,
        "approvalStatus": "New",
        "date": today,
        "dueDate": today,
        "financialPeriod": today[:4] + today[5:7],
        "supplier": supplier,
        "currencyId": found["currencyId"] if found else ledger.data.currency,
        "exchangeRate": 1.0,
        "vatAmount": 0.0,
        "invoiceLines": [],
        "createdDateTime": ledger.stamp(call.now),
    }
    _apply(call, dto, record)
    ledger.put_invoice(call.stamped(record))
    return created(call, "supplierInvoice", number, record)


def update_invoice(call: WriteCall) -> Response:
    existing = _typed_invoice(call)
    call.check_version(existing, "Supplier invoice")
    if existing["status"] not in _UNRELEASED:
        raise bad_request("Error: The document is released and cannot be changed.")
    dto = call.dto()
    record = copy.deepcopy(existing)
    if dto.has("supplierNumber"):
        number = dto.required_text("supplierNumber")
        record["supplier"] = supplier_reference(call, "supplierNumber", number)
    _apply(call, dto, record)
    call.ledger.put_invoice(call.stamped(record))
    return updated(record)


def release_invoice(call: WriteCall) -> Response:
    return _transition(
        call, _RELEASABLE, "The document has already been released.", status="Open", hold=False
    )


def send_invoice_to_approval(call: WriteCall) -> Response:
    """An unreleased invoice goes to its approvers (again, once they rejected it)."""

    def not_sent_yet(existing: Record) -> None:
        if existing.get("approvalStatus") not in (None, "New", "RejectedInApproval", "Canceled"):
            raise bad_request("Error: The document has already been sent to approval.")

    return _transition(
        call,
        _UNRELEASED,
        "The document has already been released.",
        also=not_sent_yet,
        approvalStatus="SentToApproval",
    )


def prebook_invoice(call: WriteCall) -> Response:
    """A balanced invoice is booked to its expense accounts ahead of its release."""
    return _transition(
        call, ("Balanced",), "Only a balanced document can be prebooked.", status="Prebooked"
    )


def void_invoice(call: WriteCall) -> Response:
    """A prebooked invoice's booking is undone and the document voided."""
    return _transition(
        call, ("Prebooked",), "Only a prebooked document can be voided.", status="Voided"
    )


def _transition(
    call: WriteCall,
    allowed: tuple[str, ...],
    refusal: str,
    *,
    also: Callable[[Record], None] | None = None,
    **changes: object,
) -> Response:
    """The invoice the path names, at its expected version and in a status of ``allowed``
    (else 400 with ``refusal``) and passing ``also``, stored with ``changes``."""
    existing = _typed_invoice(call)
    call.check_version(existing, "Supplier invoice")
    if existing["status"] not in allowed:
        raise bad_request(f"Error: {refusal}")
    if also is not None:
        also(existing)
    record = copy.deepcopy(existing)
    record.update(changes)
    call.ledger.put_invoice(call.stamped(record))
    return action_done()


# The document a reversal creates, by the type it reverses.
_REVERSING = {"Invoice": "DebitAdj", "DebitAdj": "CreditAdj", "CreditAdj": "DebitAdj"}


def reverse_invoice(call: WriteCall) -> Response:
    """A released document is reversed by a new balanced one of the opposite kind with the
    same lines and amounts (an invoice by a debit adjustment); the original stays as it is."""
    existing = _typed_invoice(call)
    call.check_version(existing, "Supplier invoice")
    if existing["status"] not in ("Open", "Closed"):
        raise bad_request("Error: Only a released document can be reversed.")
    kind = _REVERSING.get(existing["documentType"])
    if kind is None:
        raise bad_request(
            f"Error: A document of type {existing['documentType']} cannot be reversed."
        )
    _copy(call, existing, kind, "Balanced", f"Reversal of {existing['referenceNumber']}")
    return action_done()


def correct_invoice(call: WriteCall) -> Response:
    """An open invoice nothing has been paid on is closed by a debit adjustment applied to
    it and copied, on hold, to be edited and released in its place."""
    number = call.path["invoiceNumber"]
    existing = call.ledger.invoice(number)
    if existing is None:
        raise not_found("Supplier invoice", number)
    call.check_version(existing, "Supplier invoice")
    open_ = existing["documentType"] == "Invoice" and existing["status"] == "Open"
    if not open_ or cents(existing["balance"]) != cents(existing["amount"]):
        raise bad_request("Error: Only an open invoice nothing has been paid on can be corrected.")
    _copy(call, existing, "DebitAdj", "Closed", f"Reversal of {number}")
    closed = copy.deepcopy(existing)
    closed["status"] = "Closed"
    closed["balance"] = closed["balanceInCurrency"] = 0.0
    call.ledger.put_invoice(call.stamped(closed))
    _copy(call, existing, "Invoice", "Hold", existing.get("description"))
    return action_done()


def _copy(call: WriteCall, existing: Record, kind: str, status: str, text: str | None) -> None:
    """A new document of ``kind`` with ``existing``'s lines and amounts, dated today."""
    ledger = call.ledger
    record = copy.deepcopy(existing)
    today = document_date(datetime.fromtimestamp(call.now, UTC).date())
    record.update(
        {
            "documentType": kind,
            "referenceNumber": ledger.next_number(ledger.data.invoices, "referenceNumber"),
            "status": status,
            "hold": status == "Hold",
            "approvalStatus": "New",
            "date": today,
            "origInvoiceDate": existing.get("date"),
            "balance": 0.0 if status == "Closed" else existing.get("amount"),
            "attachments": [],
            "createdDateTime": ledger.stamp(call.now),
            "description": text,
        }
    )
    ledger.put_invoice(call.stamped(record))


def attach_invoice_file(call: WriteCall) -> Response:
    """The multipart body's file as a new attachment of the supplier invoice."""
    record = attached(call, _typed_invoice(call), "referenceNumber")
    call.ledger.put_invoice(call.stamped(record))
    return Response(status_code=201, headers=etag(record["timeStamp"]))


def _typed_invoice(call: WriteCall) -> Record:
    number = call.path["invoiceNumber"]
    invoice = call.ledger.invoice(number)
    if invoice is None or invoice["documentType"].lower() != call.path["documentType"].lower():
        raise not_found("Supplier invoice", number)
    return invoice


def _apply(call: WriteCall, dto: Dto, record: Record) -> None:
    profile = call.ledger.profile
    for name in _TEXT:
        if dto.has(name):
            record[name] = dto.text(name)
    for name in _DATES:
        if dto.has(name):
            record[name] = dto.day(name)
    if dto.has("hold"):
        record["hold"] = bool(dto.boolean("hold"))
    if dto.has("currencyId"):
        record["currencyId"] = dto.required_text("currencyId")
    if dto.has("exchangeRate"):
        record["exchangeRate"] = dto.number("exchangeRate")
    if dto.has("creditTermsId"):
        terms = codes((c.id, c.description) for c, _ in profile.credit_terms)
        value = dto.text("creditTermsId")
        record["creditTerms"] = (
            None if value is None else lookup(terms, "creditTermsId", value, ("id", "description"))
        )
    if dto.has("branchNumber"):
        branches = codes((b.id, b.description) for b in profile.branches)
        value = dto.text("branchNumber")
        record["branchNumber"] = (
            None if value is None else lookup(branches, "branchNumber", value, ("number", "name"))
        )
    if dto.has("locationId"):
        record["location"] = {"id": dto.text("locationId")}
    if dto.has("vatAmount"):
        record["vatAmount"] = dto.number("vatAmount") or 0.0
    record["vatTotal"] = record["vatTotalInCurrency"] = record["vatAmount"]
    record["invoiceLines"] = changed_lines(
        dto.lines("invoiceLines"), record["invoiceLines"], "lineNumber", _apply_line
    )
    detail = sum(cents(line.get("costInCurrency") or 0.0) for line in record["invoiceLines"])
    record["detailTotal"] = record["detailTotalInCurrency"] = money(detail)
    amount = dto.number("amount") if dto.has("amount") else None
    total = amount if amount is not None else money(detail + cents(record["vatAmount"]))
    record["amount"] = record["balance"] = record["balanceInCurrency"] = total
    record["status"] = "Hold" if record["hold"] else "Balanced"
    if record["date"]:
        record["financialPeriod"] = record["date"][:4] + record["date"][5:7]


def _apply_line(line: Line, target: Record) -> None:
    for name in ("inventoryNumber", "transactionDescription", "uom", "note"):
        if line.has(name):
            target[name] = line.text(name)
    if line.has("quantity"):
        target["quantity"] = line.number("quantity")
    if line.has("unitCostInCurrency"):
        target["unitCost"] = target["unitCostInCurrency"] = line.number("unitCostInCurrency")
    if line.has("accountNumber"):
        target["account"] = {"number": line.text("accountNumber")}
    if line.has("vatCodeId"):
        target["vatCode"] = {"id": line.text("vatCodeId")}
    if line.has("projectId"):
        target["project"] = {"id": line.text("projectId")}
    cost = line.number("costInCurrency") if line.has("costInCurrency") else None
    if cost is None:
        quantity = target.get("quantity") or 0.0
        cost = money(round(quantity * cents(target.get("unitCostInCurrency") or 0.0)))
    target["cost"] = target["costInCurrency"] = cost
