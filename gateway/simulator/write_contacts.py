"""``POST /v1/contact`` and ``PUT /v1/contact/{contactId}`` (``ContactUpdateDto``).

A contact belongs to a business account (a supplier or a customer, by number); Visma gives
its ``contactId``, and its ``displayName`` follows the names.
"""

from __future__ import annotations

import copy

from starlette.responses import Response

from gateway.simulator.dto import Dto, Plain
from gateway.simulator.errors import bad_request, invalid_field, not_found
from gateway.simulator.filters import Record
from gateway.simulator.write_suppliers import address
from gateway.simulator.writecall import WriteCall, codes, created, updated

_PLAIN = Plain(
    texts=(
        "firstName",
        "lastName",
        "position",
        "email",
        "web",
        "phone1",
        "phone2",
        "phone3",
        "fax",
    ),
    booleans=(
        "active",
        "sameAsAccount",
        "doNotCall",
        "doNotFax",
        "doNotEmail",
        "doNotMail",
        "noMassMail",
        "noMarketing",
    ),
    choices={
        "title": ("Doctor", "Miss", "Mr", "Mrs", "Ms", "Prof"),
        "contactMethod": ("Any", "Email", "Mail", "Fax", "Phone"),
    },
)


def create_contact(call: WriteCall) -> Response:
    dto = call.dto()
    contacts = call.ledger.data.contacts
    dto.required_text("lastName")
    contact_id = max((int(c["contactId"]) for c in contacts), default=0) + 1
    record: Record = {
        "contactId": contact_id,
        "active": True,
        "sameAsAccount": False,
        "contactMethod": "Any",
    }
    _apply(call, dto, record)
    call.ledger.put_contact(call.stamped(record))
    return created(call, "contact", str(contact_id), record)


def update_contact(call: WriteCall) -> Response:
    ident = call.path["contactId"]
    existing = next((c for c in call.ledger.data.contacts if str(c["contactId"]) == ident), None)
    if existing is None:
        raise not_found("Contact", ident)
    dto = call.dto()
    if dto.has("lastName"):
        dto.required_text("lastName")
    record = copy.deepcopy(existing)
    _apply(call, dto, record)
    call.ledger.put_contact(call.stamped(record))
    return updated(record)


def _apply(call: WriteCall, dto: Dto, record: Record) -> None:
    _PLAIN.copy(dto, record)
    if dto.has("businessAccount"):
        record.update(_business_account(call, dto.text("businessAccount")))
    if dto.has("address"):
        countries = codes((m.country.id, m.country.name) for m in call.ledger.profile.markets)
        record["address"] = address(dto.nested("address"), record.get("address"), countries)
    names = (record.get("firstName"), record.get("lastName"))
    record["displayName"] = " ".join(n for n in names if n)


def _business_account(call: WriteCall, number: str | None) -> Record:
    """The account a contact belongs to, and its kind; 400 when no supplier or customer has
    that number."""
    if number is None:
        raise bad_request("Error: 'Business Account' cannot be empty.")
    if call.ledger.supplier(number) is not None:
        return {"businessAccount": number, "businessAccountType": "Supplier"}
    customers = call.ledger.data.receivables.customers
    if any(c["number"] == number for c in customers):
        return {"businessAccount": number, "businessAccountType": "Customer"}
    raise invalid_field("BusinessAccount", f"cannot be found in the system. Value: '{number}'.")
