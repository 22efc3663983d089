"""Supplier payment writes (``SupplierPaymentUpdateDto``): create, update, and release,
which applies the payment to its invoices."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from starlette.responses import Response

from gateway.simulator.demodata.common import cents, money
from gateway.simulator.dto import Dto, Line
from gateway.simulator.errors import bad_request, invalid_field, not_found
from gateway.simulator.filters import Record
from gateway.simulator.store import INVOICE_TYPES, PAYMENT_TYPES
from gateway.simulator.timeformat import document_date
from gateway.simulator.writecall import (
    WriteCall,
    action_done,
    codes,
    created,
    lookup,
    supplier_reference,
    updated,
)


def create_payment(call: WriteCall) -> Response:
    dto = call.dto()
    ledger = call.ledger
    supplier = supplier_reference(call, "supplier", dto.required_text("supplier"))
    number = dto.text("referenceNumber") or ledger.next_number(ledger.data.payments, "refNbr")
    if ledger.payment(number) is not None:
        raise invalid_field("ReferenceNumber", f"'{number}' is already used.")
    payment_type = dto.choice("type", PAYMENT_TYPES) or "Payment"
    found = ledger.supplier(supplier["number"])
    record: Record = {
        "type": payment_type,
        "documentType": payment_type,
        "refNbr": number,
        "hold": False,
        "applicationDate": document_date(datetime.fromtimestamp(call.now, UTC).date()),
        "paymentRef": None,
        "supplier": supplier,
        "paymentMethod": None,
        "cashAccount": ledger.profile.cash_account,
        "currency": None,
        "description": None,
        "released": False,
        "branch": None,
        "paymentLines": [],
    }
    currency_id = dto.text("currency") or (found["currencyId"] if found else ledger.data.currency)
    _apply(call, dto, record, currency_id)
    ledger.put_payment(call.stamped(record))
    return created(call, "supplierPayment", number, record)


def update_payment(call: WriteCall) -> Response:
    """An unreleased payment's fields and the documents it applies to (its lines, named by
    their document) change; a released one is refused."""
    existing = _payment(call)
    call.check_version(existing, "Supplier payment")
    if existing["released"]:
        raise bad_request("Error: A released document cannot be changed.")
    dto = call.dto()
    record = copy.deepcopy(existing)
    _apply(call, dto, record, dto.text("currency") if dto.has("currency") else None)
    call.ledger.put_payment(call.stamped(record))
    return updated(record)


def _apply(call: WriteCall, dto: Dto, record: Record, currency_id: str | None) -> None:
    """What a create and an update set alike; the amounts follow from the lines."""
    for name in ("paymentRef", "paymentMethod", "description", "branch"):
        if dto.has(name):
            record[name] = dto.text(name)
    if dto.has("cashAccount"):
        record["cashAccount"] = dto.required_text("cashAccount")
    if dto.has("hold"):
        record["hold"] = bool(dto.boolean("hold"))
    if dto.has("applicationDate"):
        record["applicationDate"] = dto.day("applicationDate")
    date = record["applicationDate"]
    record["applicationPeriod"] = date[:4] + date[5:7]
    if currency_id is not None:
        currencies = codes(
            (m.currency.id, m.currency.description) for m in call.ledger.profile.markets
        )
        record["currency"] = lookup(currencies, "currency", currency_id, ("id", "description"))
    lines = _lines(call, dto.lines("paymentLines"), record)
    applied = sum(cents(line["amountPaid"]) for line in lines)
    amount = dto.number("paymentAmount")
    if amount is not None:
        total = cents(amount)
    elif "paymentAmount" in record:
        total = cents(record["paymentAmount"])
    else:
        total = applied
    if applied > total:
        raise invalid_field("PaymentAmount", "is less than the amount applied to documents.")
    record["paymentLines"] = lines
    record["paymentAmount"] = record["balance"] = money(total)
    record["unappliedBalance"] = money(total - applied)
    record["appliedAmount"] = money(applied)
    record["status"] = "Hold" if record["hold"] else "Balanced"


def _lines(call: WriteCall, lines: list[Line], record: Record) -> list[Record]:
    """The payment's lines with ``lines`` applied; a line is named by its document."""
    result = [dict(line) for line in record["paymentLines"]]
    for line in lines:
        reference = line.required_text("refNbr")
        document_type = line.choice("documentType", INVOICE_TYPES) or "Invoice"
        found = next(
            (r for r in result if (r["docType"], r["invoiceRefNbr"]) == (document_type, reference)),
            None,
        )
        if line.operation == "Insert" and found is not None:
            raise invalid_field("RefNbr", f"'{reference}' is applied by this payment already.")
        if line.operation != "Insert" and found is None:
            raise invalid_field("RefNbr", f"has no line of '{reference}' to {line.operation}.")
        if found is not None:
            result.remove(found)
        if line.operation != "Delete":
            result.append(_line(call, line, reference, document_type, record["supplier"]["number"]))
    return result


def release_payment(call: WriteCall) -> Response:
    existing = _payment(call)
    call.check_version(existing, "Supplier payment")
    payment_type = call.dto().choice("type", PAYMENT_TYPES) if call.body is not None else None
    if payment_type is not None and payment_type != existing["type"]:
        raise invalid_field("Type", f"does not match the payment's type '{existing['type']}'.")
    if existing["released"]:
        raise bad_request("Error: The document has already been released.")
    if existing["hold"]:
        raise bad_request("Error: The document is on hold and cannot be released.")
    for line in existing["paymentLines"]:
        invoice = call.ledger.invoice(line["invoiceRefNbr"])
        if invoice is None:
            continue
        changed = copy.deepcopy(invoice)
        left = max(0, cents(changed["balance"]) - cents(line["amountPaid"]))
        changed["balance"] = changed["balanceInCurrency"] = money(left)
        if left == 0:
            changed["status"] = "Closed"
        call.ledger.put_invoice(call.stamped(changed))
    record = copy.deepcopy(existing)
    record["released"] = True
    record["balance"] = record["unappliedBalance"]
    record["status"] = "Closed" if cents(record["unappliedBalance"]) == 0 else "Open"
    call.ledger.put_payment(call.stamped(record))
    return action_done()


def _payment(call: WriteCall) -> Record:
    number = call.path["paymentNumber"]
    existing = call.ledger.payment(number)
    if existing is None:
        raise not_found("Supplier payment", number)
    return existing


def _line(
    call: WriteCall, line: Line, reference: str, document_type: str, supplier_number: str
) -> Record:
    invoice = call.ledger.invoice(reference)
    if (
        invoice is None
        or invoice["documentType"] != document_type
        or invoice["supplier"]["number"] != supplier_number
    ):
        raise invalid_field("RefNbr", f"cannot be found in the system. Value: '{reference}'.")
    if invoice["status"] != "Open":
        raise invalid_field("RefNbr", f"'{reference}' is not open for payment.")
    paid = line.number("amountPaid")
    amount_paid = cents(paid) if paid is not None else cents(invoice["balance"])
    if amount_paid > cents(invoice["balance"]):
        raise invalid_field("AmountPaid", "exceeds the balance of the document.")
    return {
        "docType": document_type,
        "invoiceRefNbr": reference,
        "amountPaid": money(amount_paid),
        "cashDiscountTaken": 0.0,
        "date": invoice["date"],
        "dueDate": invoice["dueDate"],
        "balance": money(cents(invoice["balance"]) - amount_paid),
        "description": invoice.get("description"),
        "currency": invoice.get("currencyId"),
    }
