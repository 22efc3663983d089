"""Customer payment writes (``PaymentUpdateDto``): create, update, release and void.

A payment's lines apply it to the customer's open documents; releasing it settles them
(their balances go down, to ``Closed`` at zero), voiding a released payment gives them back.
Visma checks no ``If-Match`` on these (the spec declares none).
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from starlette.responses import Response

from gateway.simulator.demodata.common import cents, money
from gateway.simulator.dto import Dto, Line
from gateway.simulator.errors import bad_request, invalid_field, not_found
from gateway.simulator.filters import Record
from gateway.simulator.timeformat import document_date
from gateway.simulator.writecall import (
    WriteCall,
    action_done,
    created,
    customer_reference,
    payment_method,
    updated,
)

_TYPES = ("Payment", "CreditNote", "Prepayment", "Refund", "VoidPayment", "SmallBalanceWo")
_UNRELEASED = ("Hold", "Balanced")
_RELEASED = ("Open", "Closed")


def create_payment(call: WriteCall) -> Response:
    dto = call.dto()
    payments = call.ledger.data.receivables.payments
    number = dto.text("referenceNumber") or call.ledger.next_number(payments, "refNbr", "")
    if any(p["refNbr"] == number for p in payments):
        raise invalid_field("ReferenceNumber", f"'{number}' is already used.")
    record: Record = {
        "type": dto.choice("type", _TYPES) or "Payment",
        "refNbr": number,
        "status": "Balanced",
        "hold": False,
        "applicationDate": document_date(datetime.fromtimestamp(call.now, UTC).date()),
        "customer": customer_reference(call, "customer", dto.required_text("customer")),
        "currency": call.ledger.data.currency,
        "paymentAmount": 0.0,
        "paymentLines": [],
        "ordersToApply": [],
    }
    _apply(call, dto, record)
    call.ledger.put_customer_payment(call.stamped(record))
    return created(call, "customerPayment", number, record)


def update_payment(call: WriteCall) -> Response:
    existing = _payment(call)
    if existing["status"] not in _UNRELEASED:
        raise bad_request("Error: The document is released and cannot be changed.")
    dto = call.dto()
    record = copy.deepcopy(existing)
    if dto.has("customer"):
        record["customer"] = customer_reference(call, "customer", dto.required_text("customer"))
    _apply(call, dto, record)
    call.ledger.put_customer_payment(call.stamped(record))
    return updated(record)


def release_payment(call: WriteCall) -> Response:
    existing = _payment(call)
    if existing["status"] in _RELEASED:
        raise bad_request("Error: The document has already been released.")
    if existing["status"] != "Balanced":
        raise bad_request(f"Error: A payment in status {existing['status']} cannot be released.")
    _settle(call, existing, sign=-1)
    record = copy.deepcopy(existing)
    record["status"] = "Closed" if cents(record.get("availableBalance") or 0.0) == 0 else "Open"
    call.ledger.put_customer_payment(call.stamped(record))
    return action_done()


def void_payment(call: WriteCall) -> Response:
    existing = _payment(call)
    if existing["status"] not in _RELEASED:
        raise bad_request("Error: Only a released payment can be voided.")
    _settle(call, existing, sign=1)
    record = copy.deepcopy(existing)
    record["status"] = "Voided"
    call.ledger.put_customer_payment(call.stamped(record))
    return action_done()


def _payment(call: WriteCall) -> Record:
    number = call.path["paymentNumber"]
    found = next((p for p in call.ledger.data.receivables.payments if p["refNbr"] == number), None)
    if found is None:
        raise not_found("Payment", number)
    return found


def _apply(call: WriteCall, dto: Dto, record: Record) -> None:
    for name in ("paymentRef", "invoiceText", "cashAccount", "branch"):
        if dto.has(name):
            record[name] = dto.text(name)
    if dto.has("currency"):
        record["currency"] = dto.required_text("currency")
    if dto.has("applicationDate"):
        record["applicationDate"] = dto.day("applicationDate")
    day = record["applicationDate"]
    record["applicationPeriod"] = day[:4] + day[5:7] if day else None
    if dto.has("hold"):
        record["hold"] = bool(dto.boolean("hold"))
    if dto.has("paymentAmount"):
        record["paymentAmount"] = dto.number("paymentAmount") or 0.0
    if dto.has("paymentMethod"):
        record["paymentMethod"] = payment_method(call, "paymentMethod", dto.text("paymentMethod"))
    record["paymentLines"] = _lines(call, dto.lines("paymentLines"), record)
    applied = sum(cents(line.get("amountPaid") or 0.0) for line in record["paymentLines"])
    if applied > cents(record["paymentAmount"]):
        raise invalid_field("AmountPaid", "exceeds the payment amount.")
    record["appliedToDocuments"] = money(applied)
    record["availableBalance"] = money(cents(record["paymentAmount"]) - applied)
    # Written payments are in the company's currency.
    record["paymentAmountInCurrency"] = record["paymentAmount"]
    record["availableBalanceInCurrency"] = record["availableBalance"]
    record["status"] = "Hold" if record["hold"] else "Balanced"


def _lines(call: WriteCall, lines: list[Line], payment: Record) -> list[Record]:
    result = [dict(line) for line in payment["paymentLines"]]
    for line in lines:
        number = line.text("refNbr")
        found = [r for r in result if r["refNbr"] == number]
        if line.operation == "Insert":
            invoice = _open_invoice(call, number, payment)
            target: Record = {
                "documentType": invoice["documentType"],
                "refNbr": invoice["referenceNumber"],
                "balance": invoice["balance"],
                "description": invoice.get("invoiceText"),
                "currency": invoice.get("currencyId"),
            }
            result.append(target)
        elif not found:
            raise invalid_field("RefNbr", f"has no line {number} to {line.operation}.")
        elif line.operation == "Delete":
            result.remove(found[0])
            continue
        else:
            target = found[0]
        if line.has("amountPaid"):
            target["amountPaid"] = line.number("amountPaid")
        if cents(target.get("amountPaid") or 0.0) > cents(target["balance"]):
            raise invalid_field("AmountPaid", f"exceeds the balance of document {number}.")
    return result


def _open_invoice(call: WriteCall, number: str | None, payment: Record) -> Record:
    invoice = next(
        (i for i in call.ledger.data.receivables.invoices if i["referenceNumber"] == number), None
    )
    if invoice is None or invoice["customer"]["number"] != payment["customer"]["number"]:
        raise invalid_field("RefNbr", f"cannot be found in the system. Value: '{number}'.")
    if invoice["status"] != "Open":
        raise invalid_field("RefNbr", f"'{number}' is not open.")
    return invoice


def _settle(call: WriteCall, payment: Record, sign: int) -> None:
    """Apply (``sign`` -1) or give back (+1) the payment's amounts to its documents."""
    invoices = {i["referenceNumber"]: i for i in call.ledger.data.receivables.invoices}
    for line in payment["paymentLines"]:
        invoice = copy.deepcopy(invoices[line["refNbr"]])
        balance = cents(invoice["balance"]) + sign * cents(line.get("amountPaid") or 0.0)
        invoice["balance"] = money(balance)
        # The document's currency owes the same share of its amount.
        share = balance / cents(invoice["amount"]) if cents(invoice["amount"]) else 0
        invoice["balanceInCurrency"] = money(round(cents(invoice["amountInCurrency"]) * share))
        invoice["status"] = "Closed" if balance == 0 else "Open"
        call.ledger.put_customer_invoice(call.stamped(invoice))
