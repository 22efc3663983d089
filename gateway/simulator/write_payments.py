"""Supplier payment writes (``SupplierPaymentUpdateDto``): create, and release, which applies
the payment to its invoices."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from starlette.responses import Response

from gateway.simulator.demodata.common import cents, money
from gateway.simulator.dto import Line
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
)


def create_payment(call: WriteCall) -> Response:
    dto = call.dto()
    ledger = call.ledger
    supplier = supplier_reference(call, "supplier", dto.required_text("supplier"))
    number = dto.text("referenceNumber") or ledger.next_number(ledger.data.payments, "refNbr")
    if ledger.payment(number) is not None:
        raise invalid_field("ReferenceNumber", f"'{number}' is already used.")
    payment_type = dto.choice("type", PAYMENT_TYPES) or "Payment"
    date = dto.day("applicationDate") or document_date(datetime.fromtimestamp(call.now, UTC).date())
    found = ledger.supplier(supplier["number"])
    currency_id = dto.text("currency") or (found["currencyId"] if found else ledger.data.currency)
    currencies = codes((m.currency.id, m.currency.description) for m in ledger.profile.markets)
    currency = lookup(currencies, "currency", currency_id, ("id", "description"))
    lines = [_line(call, line, supplier["number"]) for line in dto.lines("paymentLines")]
    applied = sum(cents(line["amountPaid"]) for line in lines)
    amount = dto.number("paymentAmount")
    total = cents(amount) if amount is not None else applied
    if applied > total:
        raise invalid_field("PaymentAmount", "is less than the amount applied to documents.")
    hold = bool(dto.boolean("hold"))
    record: Record = {
        "type": payment_type,
        "documentType": payment_type,
        "refNbr": number,
        "status": "Hold" if hold else "Balanced",
        "hold": hold,
        "applicationDate": date,
        "applicationPeriod": date[:4] + date[5:7],
        "paymentRef": dto.text("paymentRef"),
        "supplier": supplier,
        "paymentMethod": dto.text("paymentMethod"),
        "cashAccount": dto.text("cashAccount") or ledger.profile.cash_account,
        "currency": currency,
        "description": dto.text("description"),
        "paymentAmount": money(total),
        "balance": money(total),
        "unappliedBalance": money(total - applied),
        "appliedAmount": money(applied),
        "released": False,
        "branch": dto.text("branch"),
        "paymentLines": lines,
    }
    ledger.put_payment(call.stamped(record))
    return created(call, "supplierPayment", number, record)


def release_payment(call: WriteCall) -> Response:
    number = call.path["paymentNumber"]
    existing = call.ledger.payment(number)
    if existing is None:
        raise not_found("Supplier payment", number)
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


def _line(call: WriteCall, line: Line, supplier_number: str) -> Record:
    if line.operation != "Insert":
        raise invalid_field("Operation", "must be Insert on a new payment.")
    reference = line.required_text("refNbr")
    document_type = line.choice("documentType", INVOICE_TYPES) or "Invoice"
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
