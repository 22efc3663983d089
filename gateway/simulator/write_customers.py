"""``POST /v1/customer`` and ``PUT /v1/customer/{customerCd}`` (``CustomerUpdateDto``)."""

from __future__ import annotations

import copy

from starlette.responses import Response

from gateway.simulator.dto import Dto, Plain
from gateway.simulator.errors import bad_request, invalid_field, not_found
from gateway.simulator.filters import Record
from gateway.simulator.routes_customers import CUSTOMER_STATUSES
from gateway.simulator.write_suppliers import address, contact
from gateway.simulator.writecall import WriteCall, codes, created, currency_id, lookup, updated

_PLAIN = Plain(
    texts=("accountReference", "vatRegistrationId", "corporateId", "note", "gln"),
    booleans=(
        "printInvoices",
        "acceptAutoInvoices",
        "sendInvoicesByEmail",
        "sendDunningLettersViaEMail",
        "printDunningLetters",
        "printStatements",
        "sendStatementsByEmail",
        "printMultiCurrencyStatements",
        "invoiceToDefaultLocation",
        "excludeDebtCollection",
    ),
    integers=("numberOfEmployees", "creditDaysPastDue"),
    numbers=("creditLimit",),
    choices={
        "status": CUSTOMER_STATUSES,
        "creditVerification": ("Disabled", "DaysPastDue", "CreditLimit", "LimitAndDaysPastDue"),
        "statementType": ("OpenItem", "BalanceBroughtForward"),
    },
)
_ADDRESSES = ("mainAddress", "invoiceAddress", "deliveryAddress")
_CONTACTS = ("mainContact", "invoiceContact", "deliveryContact")


def create_customer(call: WriteCall) -> Response:
    dto = call.dto()
    ledger = call.ledger
    customers = ledger.data.receivables.customers
    dto.required_text("name")
    number = dto.text("number")
    if number is None or not number.strip():
        number = ledger.next_number(customers, "number", "")
    elif any(c["number"] == number for c in customers):
        raise invalid_field("Number", f"'{number}' is already used by another customer.")
    record: Record = {
        "internalId": max((int(c["internalId"]) for c in customers), default=0) + 1,
        "number": number,
        "status": "Active",
        "currencyId": ledger.data.currency,
        "attributes": [],
    }
    _apply(call, dto, record)
    ledger.put_customer(call.stamped(record))
    return created(call, "customer", number, record)


def update_customer(call: WriteCall) -> Response:
    number = call.path["customerCd"]
    existing = next(
        (c for c in call.ledger.data.receivables.customers if c["number"] == number), None
    )
    if existing is None:
        raise not_found("Customer", number)
    dto = call.dto()
    if dto.has("name"):
        dto.required_text("name")
    given = dto.text("number")
    if given is not None and given != number:
        raise bad_request("Error: 'Number' cannot be changed on an existing customer.")
    record = copy.deepcopy(existing)
    _apply(call, dto, record)
    call.ledger.put_customer(call.stamped(record))
    return updated(record)


def _apply(call: WriteCall, dto: Dto, record: Record) -> None:
    ledger = call.ledger
    markets = ledger.profile.markets
    if dto.has("name"):
        record["name"] = dto.required_text("name")
    _PLAIN.copy(dto, record)
    if dto.has("currencyId"):
        record["currencyId"] = currency_id(dto, markets)
    classes = ledger.data.receivables.customer_classes
    references = {
        "customerClassId": ("customerClass", codes((c["id"], c["description"]) for c in classes)),
        "creditTermsId": (
            "creditTerms",
            codes((c.id, c.description) for c, _ in ledger.profile.credit_terms),
        ),
        "vatZoneId": ("vatZone", codes((m.vat_zone.id, m.vat_zone.description) for m in markets)),
    }
    for name, (target, known) in references.items():
        if dto.has(name):
            value = dto.text(name)
            record[target] = (
                None if value is None else lookup(known, name, value, ("id", "description"))
            )
    countries = codes((m.country.id, m.country.name) for m in markets)
    for name in _ADDRESSES:
        if dto.has(name):
            record[name] = address(dto.nested(name), record.get(name), countries)
    for name in _CONTACTS:
        if dto.has(name):
            record[name] = contact(dto.nested(name), record.get(name))
