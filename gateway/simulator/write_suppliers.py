"""``POST /v1/supplier`` and ``PUT /v1/supplier/{supplierCd}`` (``SupplierUpdateDto``)."""

from __future__ import annotations

import copy

from starlette.responses import Response

from gateway.simulator.dto import Dto, Plain
from gateway.simulator.errors import bad_request, invalid_field, not_found
from gateway.simulator.filters import Record
from gateway.simulator.store import SUPPLIER_STATUSES
from gateway.simulator.writecall import WriteCall, codes, created, currency_id, lookup, updated

_PLAIN = Plain(
    texts=(
        "accountReference",
        "documentLanguage",
        "cashAccount",
        "paymentRefDisplayMask",
        "vatRegistrationId",
        "corporateId",
        "note",
        "naceCode",
    ),
    booleans=(
        "paySeparately",
        "currencyOverride",
        "currencyRateOverride",
        "retainageApply",
        "landedCostSupplier",
    ),
    integers=("numberOfEmployees", "paymentLeadTime"),
    numbers=("retainagePct",),
    choices={
        "status": SUPPLIER_STATUSES,
        "chargeBearer": ("Payer", "Beneficiary", "Shared", "ServiceLevel"),
        "accountUsedForPayment": ("IBAN", "BBAN", "BANKGIRO", "PLUSGIRO"),
        "paymentBy": ("DueDate", "DiscountDate"),
    },
)
_ADDRESSES = ("mainAddress", "remitAddress", "supplierAddress")
_CONTACTS = ("mainContact", "remitContact", "supplierContact")
_CONTACT_FIELDS = ("name", "attention", "email", "web", "phone1", "phone2", "fax")


def create_supplier(call: WriteCall) -> Response:
    dto = call.dto()
    ledger = call.ledger
    dto.required_text("name")
    number = dto.text("number")
    if number is None or not number.strip():
        number = ledger.next_number(ledger.data.suppliers, "number", "")
    elif ledger.supplier(number) is not None:
        raise invalid_field("Number", f"'{number}' is already used by another supplier.")
    record: Record = {
        "internalId": ledger.next_internal_id(),
        "number": number,
        "status": "Active",
        "currencyId": ledger.data.currency,
        "attributes": [],
    }
    _apply(call, dto, record)
    ledger.put_supplier(call.stamped(record))
    return created(call, "supplier", number, record)


def update_supplier(call: WriteCall) -> Response:
    number = call.path["supplierCd"]
    existing = call.ledger.supplier(number)
    if existing is None:
        raise not_found("Supplier", number)
    call.check_version(existing, "Supplier")
    dto = call.dto()
    if dto.has("name"):
        dto.required_text("name")
    given = dto.text("number")
    if given is not None and given != number:
        raise bad_request("Error: 'Number' cannot be changed on an existing supplier.")
    record = copy.deepcopy(existing)
    _apply(call, dto, record)
    call.ledger.put_supplier(call.stamped(record))
    return updated(record)


def _apply(call: WriteCall, dto: Dto, record: Record) -> None:
    profile = call.ledger.profile
    markets = profile.markets
    if dto.has("name"):
        record["name"] = dto.required_text("name")
    _PLAIN.copy(dto, record)
    if dto.has("currencyId"):
        record["currencyId"] = currency_id(dto, markets)
    references = {
        "supplierClassId": (
            "supplierClass",
            codes((c.id, c.description) for m in markets for c in m.classes),
        ),
        "creditTermsId": (
            "creditTerms",
            codes((c.id, c.description) for c, _ in profile.credit_terms),
        ),
        "paymentMethodId": (
            "paymentMethod",
            codes((m.payment_method.id, m.payment_method.description) for m in markets),
        ),
        "vatZoneId": ("vatZone", codes((m.vat_zone.id, m.vat_zone.description) for m in markets)),
    }
    for name, (target, known) in references.items():
        if dto.has(name):
            value = dto.text(name)
            record[target] = (
                None if value is None else lookup(known, name, value, ("id", "description"))
            )
    if dto.has("parentRecordNumber"):
        parent = dto.text("parentRecordNumber")
        suppliers = codes((s["number"], s["name"]) for s in call.ledger.data.suppliers)
        record["parentRecord"] = (
            None
            if parent is None
            else lookup(suppliers, "parentRecordNumber", parent, ("number", "name"))
        )
    countries = codes((m.country.id, m.country.name) for m in markets)
    for name in _ADDRESSES:
        if dto.has(name):
            record[name] = address(dto.nested(name), record.get(name), countries)
    for name in _CONTACTS:
        if dto.has(name):
            record[name] = contact(dto.nested(name), record.get(name))


def address(dto: Dto | None, current: object, countries: dict[str, str]) -> Record | None:
    if dto is None:
        return None
    address: Record = dict(current) if isinstance(current, dict) else {}
    for name in ("addressLine1", "addressLine2", "addressLine3", "postalCode", "city"):
        if dto.has(name):
            address[name] = dto.text(name)
    if dto.has("countryId"):
        country = dto.text("countryId")
        address["country"] = (
            None if country is None else lookup(countries, "countryId", country, ("id", "name"))
        )
    if dto.has("county"):
        county = dto.text("county")
        address["county"] = None if county is None else {"id": county, "name": county}
    return address


def contact(dto: Dto | None, current: object) -> Record | None:
    if dto is None:
        return None
    contact: Record = dict(current) if isinstance(current, dict) else {}
    for name in _CONTACT_FIELDS:
        if dto.has(name):
            contact[name] = dto.text(name)
    return contact
