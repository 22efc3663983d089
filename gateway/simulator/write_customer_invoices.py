"""Customer invoice writes (``CustomerInvoiceUpdateDto``): create, update, release, reverse
and correct.

Lines carry a quantity and a unit price; the invoice's totals follow from them, with VAT at
the standard rate on every line (``writecall.vat_cents``). A created invoice is balanced (or on
hold) until it is released, which opens it for payment. Visma checks no ``If-Match`` on these.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from starlette.responses import Response

from gateway.simulator.demodata.common import cents, money, period
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
    customer_reference,
    updated,
    vat_cents,
)

_UNRELEASED = ("Hold", "Balanced")


def create_invoice(call: WriteCall) -> Response:
    dto = call.dto()
    invoices = call.ledger.data.receivables.invoices
    number = dto.text("referenceNumber") or call.ledger.next_number(invoices, "referenceNumber", "")
    if any(i["referenceNumber"] == number for i in invoices):
        raise invalid_field("ReferenceNumber", f"'{number}' is already used.")
    today = datetime.fromtimestamp(call.now, UTC).date()
    record: Record = {
        "documentType": "Invoice",
        "referenceNumber": number,
        "status": "Balanced",
        "hold": False,
        "documentDate": document_date(today),
        "postPeriod": period(today),
        "financialPeriod": period(today),
        "customer": customer_reference(call, "customerNumber", dto.required_text("customerNumber")),
        "currencyId": call.ledger.data.currency,
        "exchangeRate": 1.0,
        "invoiceLines": [],
        "createdDateTime": call.ledger.stamp(call.now),
    }
    _apply(dto, record)
    call.ledger.put_customer_invoice(call.stamped(record))
    return created(call, "customerinvoice", number, record)


def update_invoice(call: WriteCall) -> Response:
    existing = _invoice(call)
    if existing["status"] not in _UNRELEASED:
        raise bad_request("Error: The document is released and cannot be changed.")
    dto = call.dto()
    record = copy.deepcopy(existing)
    if dto.has("customerNumber"):
        record["customer"] = customer_reference(
            call, "customerNumber", dto.required_text("customerNumber")
        )
    _apply(dto, record)
    call.ledger.put_customer_invoice(call.stamped(record))
    return updated(record)


def release_invoice(call: WriteCall) -> Response:
    existing = _invoice(call)
    if existing["status"] not in _UNRELEASED:
        raise bad_request("Error: The document has already been released.")
    if existing["hold"]:
        raise bad_request("Error: The document is on hold and cannot be released.")
    record = copy.deepcopy(existing)
    record["status"] = "Open"
    call.ledger.put_customer_invoice(call.stamped(record))
    return action_done()


def reverse_invoice(call: WriteCall) -> Response:
    """A released invoice is reversed by a balanced credit note of the same lines and
    amounts; the invoice stays as it is. The result names the credit note."""
    existing = _invoice(call)
    if existing["documentType"] != "Invoice" or existing["status"] not in ("Open", "Closed"):
        raise bad_request("Error: Only a released invoice can be reversed.")
    note = _copy(call, existing, "CreditNote", "Balanced")
    return action_done(referenceNumber=note)


def correct_invoice(call: WriteCall) -> Response:
    """An open invoice nothing has been paid on is closed by a credit note applied to it
    and copied, on hold, to be edited and released in its place. The result names the copy."""
    existing = _invoice(call)
    open_ = existing["documentType"] == "Invoice" and existing["status"] == "Open"
    if not open_ or cents(existing["balance"]) != cents(existing["amount"]):
        raise bad_request("Error: Only an open invoice nothing has been paid on can be corrected.")
    _copy(call, existing, "CreditNote", "Closed")
    closed = copy.deepcopy(existing)
    closed["status"] = "Closed"
    closed["balance"] = closed["balanceInCurrency"] = 0.0
    call.ledger.put_customer_invoice(call.stamped(closed))
    copy_number = _copy(call, existing, "Invoice", "Hold")
    return action_done(refNbr=copy_number, documentType="Invoice")


def _copy(call: WriteCall, existing: Record, kind: str, status: str) -> str:
    """A new document of ``kind`` with ``existing``'s lines and amounts, dated today; its
    number."""
    ledger = call.ledger
    number = ledger.next_number(ledger.data.receivables.invoices, "referenceNumber", "")
    today = datetime.fromtimestamp(call.now, UTC).date()
    record = copy.deepcopy(existing)
    record.update(
        {
            "documentType": kind,
            "referenceNumber": number,
            "status": status,
            "hold": status == "Hold",
            "documentDate": document_date(today),
            "origInvoiceDate": existing.get("documentDate"),
            "originatorDocRef": existing["referenceNumber"],
            "balance": 0.0 if status == "Closed" else existing["amount"],
            "balanceInCurrency": 0.0 if status == "Closed" else existing.get("amountInCurrency"),
            "attachments": [],
            "createdDateTime": ledger.stamp(call.now),
        }
    )
    ledger.put_customer_invoice(call.stamped(record))
    return number


def attach_invoice_file(call: WriteCall) -> Response:
    """The multipart body's file as a new attachment of the document."""
    record = attached(call, _invoice(call), "referenceNumber")
    call.ledger.put_customer_invoice(call.stamped(record))
    return Response(status_code=201, headers=etag(record["timeStamp"]))


def _invoice(call: WriteCall) -> Record:
    number = call.path["invoiceNumber"]
    invoices = call.ledger.data.receivables.invoices
    found = next((i for i in invoices if i["referenceNumber"] == number), None)
    if found is None:
        raise not_found("Customer invoice", number)
    return found


def _apply(dto: Dto, record: Record) -> None:
    for name in ("customerRefNumber", "invoiceText", "note", "paymentReference"):
        if dto.has(name):
            record[name] = dto.text(name)
    for name in ("postPeriod", "financialPeriod"):
        record[name] = dto.text(name) or record[name]
    for name in ("documentDate", "documentDueDate"):
        if dto.has(name):
            record[name] = dto.day(name)
    if dto.has("hold"):
        record["hold"] = bool(dto.boolean("hold"))
    if dto.has("currencyId"):
        record["currencyId"] = dto.required_text("currencyId")
    record["invoiceLines"] = changed_lines(
        dto.lines("invoiceLines"),
        record["invoiceLines"],
        "lineNumber",
        _fill_line,
        blank=lambda: {"quantity": 1.0, "unitPrice": 0.0},
    )
    net = sum(cents(line["amount"]) for line in record["invoiceLines"])
    vat = vat_cents(net)
    for name, value in (
        ("detailTotal", net),
        ("vatTaxableTotal", net),
        ("vatTotal", vat),
        ("amount", net + vat),
        ("balance", net + vat),
    ):
        record[name] = record[f"{name}InCurrency"] = money(value)
    record["status"] = "Hold" if record["hold"] else "Balanced"


def _fill_line(line: Line, target: Record) -> None:
    for name in ("inventoryNumber", "description", "uom", "note"):
        if line.has(name):
            target[name] = line.text(name)
    if line.has("quantity"):
        target["quantity"] = line.number("quantity") or 0.0
    if line.has("unitPriceInCurrency"):
        target["unitPrice"] = line.number("unitPriceInCurrency") or 0.0
    target["unitPriceInCurrency"] = target["unitPrice"]
    amount = money(round(float(target["quantity"]) * cents(target["unitPrice"])))
    target["amount"] = target["amountInCurrency"] = amount
