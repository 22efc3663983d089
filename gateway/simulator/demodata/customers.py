"""Customers (``CustomerDto``), their classes and contacts for one demo company.

The first customers are the clients the company's projects name (``ProjectDto.customer``),
with the same numbers and names; the rest are drawn from the company's markets, so every
currency, VAT zone, payment method and credit terms value a customer carries is one the
ledger setup lists.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from gateway.simulator.demodata.catalog import Code, CompanyProfile, Market
from gateway.simulator.demodata.common import AS_OF, Record, stamp, weighted, working_moment
from gateway.simulator.demodata.suppliers import (
    business_address,
    business_contact,
    registration,
    unique_name,
)
from gateway.simulator.tokens import COMPANY_A_TENANT


@dataclass(frozen=True)
class Sizes:
    """How many receivable records a company has."""

    customers: int
    invoices: int
    orders: int
    first_internal_id: int


SIZES = {COMPANY_A_TENANT: Sizes(420, 4200, 2600, 30001)}
DEFAULT_SIZES = Sizes(320, 3100, 1900, 40001)

_STATUSES = ("Active", "OnHold", "CreditHold", "Inactive", "OneTime")
_STATUS_WEIGHTS = (88, 2, 3, 5, 2)
_FIRST_CUSTOMER = date(2022, 9, 1)
_EMPLOYEES = (2, 5, 12, 30, 60, 150, 400, 1200)
_CLASS_WORDS = {
    "NOK": (("BEDRIFT", "Bedriftskunder"), ("OFFENTLIG", "Offentlige kunder")),
    "SEK": (("FORETAG", "Företagskunder"), ("OFFENTLIG", "Offentliga kunder")),
}
_FOREIGN_CLASS = {"NOK": ("UTLAND", "Utenlandske kunder"), "SEK": ("UTLAND", "Utländska kunder")}
_BILLING_PERSON = {"NOK": "Fakturamottak", "SEK": "Fakturamottagning"}


def sizes_of(profile: CompanyProfile) -> Sizes:
    return SIZES.get(profile.tenant_id, DEFAULT_SIZES)


def customer_classes(profile: CompanyProfile) -> list[Record]:
    """``CustomerClassDto``: domestic classes paying by the home market's method, one foreign."""
    home = profile.markets[0]
    foreign = profile.markets[-1]
    words = _CLASS_WORDS.get(profile.base_currency.id, _CLASS_WORDS["NOK"])
    foreign_id, foreign_text = _FOREIGN_CLASS.get(profile.base_currency.id, _FOREIGN_CLASS["NOK"])
    rows = [(Code(i, d), home) for i, d in words] + [(Code(foreign_id, foreign_text), foreign)]
    return sorted(
        (
            {
                "id": code.id,
                "description": code.description,
                "taxZoneId": market.vat_zone.id,
                "requiredTaxzoneId": False,
                "paymentMethodId": market.payment_method.id,
                "attributes": [],
            }
            for code, market in rows
        ),
        key=lambda c: str(c["id"]),
    )


def make_customers(
    rng: random.Random, profile: CompanyProfile, projects: list[Record], classes: list[Record]
) -> list[Record]:
    """The company's customers ordered by number: project clients first, then the rest."""
    count = sizes_of(profile).customers
    internal_id = sizes_of(profile).first_internal_id
    used = {str(p["customer"]["name"]) for p in projects}
    customers = []
    number = 1
    for index in range(count):
        if index < len(projects):
            market, name, status = profile.markets[0], projects[index]["customer"]["name"], "Active"
            number = int(projects[index]["customer"]["number"])
        else:
            market = weighted(rng, profile.markets, [m.weight for m in profile.markets])
            name = unique_name(rng, market.country, used)
            status = weighted(rng, _STATUSES, _STATUS_WEIGHTS)
        customers.append(
            _customer(rng, profile, market, classes, internal_id, f"{number:05d}", name, status)
        )
        number += 1 + (rng.randrange(12) == 0)
        internal_id += 1 + rng.randrange(2)
    return customers


def _customer(
    rng: random.Random,
    profile: CompanyProfile,
    market: Market,
    classes: list[Record],
    internal_id: int,
    number: str,
    name: str,
    status: str,
) -> Record:
    country = market.country
    terms, _ = weighted(rng, profile.credit_terms, range(len(profile.credit_terms), 0, -1))
    home = market is profile.markets[0]
    fitting = [c for c in classes if (c["taxZoneId"] == market.vat_zone.id) == home]
    customer_class = rng.choice(fitting or classes)
    address = business_address(rng, country, internal_id)
    contact = business_contact(rng, country, name, internal_id)
    vat_id, corporate_id = registration(rng, country.id)
    created = working_moment(rng, _FIRST_CUSTOMER + _days(rng, _FIRST_CUSTOMER))
    changed = min(created + timedelta(days=rng.randrange(400)), AS_OF)
    zone = {"id": market.vat_zone.id, "description": market.vat_zone.description}
    return {
        "internalId": internal_id,
        "number": number,
        "name": name,
        "status": status,
        "mainAddress": address,
        "mainContact": contact,
        "customerClass": {"id": customer_class["id"], "description": customer_class["description"]},
        "creditTerms": {"id": terms.id, "description": terms.description},
        "currencyId": market.currency.id,
        "creditVerification": "CreditLimit",
        "creditLimit": float(rng.choice((50, 100, 250, 500, 1000)) * 1000),
        "creditDaysPastDue": 0,
        "invoiceAddress": dict(address),
        "invoiceContact": dict(contact),
        "printInvoices": False,
        "acceptAutoInvoices": home,
        "sendInvoicesByEmail": not home,
        "sendDunningLettersViaEMail": True,
        "printDunningLetters": False,
        "printStatements": False,
        "sendStatementsByEmail": True,
        "printMultiCurrencyStatements": False,
        "statementType": "OpenItem",
        "deliveryAddress": dict(address),
        "deliveryContact": dict(contact),
        "vatRegistrationId": vat_id,
        "corporateId": corporate_id,
        "vatZone": zone,
        "location": {"countryId": country.id, "id": "MAIN", "name": "Primary Location"},
        "attributes": [],
        "lastModifiedDateTime": stamp(rng, changed),
        "createdDateTime": stamp(rng, created),
        "invoiceToDefaultLocation": True,
        "paymentMethods": [{"paymentMethodId": market.payment_method.id, "isDefault": True}],
        "defaultPaymentMethodId": market.payment_method.id,
        "numberOfEmployees": rng.choice(_EMPLOYEES),
        "excludeDebtCollection": False,
    }


def make_customer_contacts(profile: CompanyProfile, customers: list[Record]) -> list[Record]:
    """``ContactDto`` for each customer's main contact and its invoice reception."""
    contacts = []
    for customer in customers:
        main = customer["mainContact"]
        person = str(main["attention"])
        contacts.append(_contact_record(customer, main["contactId"], person, main))
        web = str(main["web"]).removeprefix("www.")
        billing = {"email": f"faktura@{web}", "web": main["web"], "phone1": main["phone1"]}
        receiver = _BILLING_PERSON.get(profile.base_currency.id, "Accounts payable")
        record = _contact_record(customer, int(main["contactId"]) + 1, receiver, billing)
        record["contactMethod"] = "Email"
        contacts.append(record)
    return contacts


def _contact_record(customer: Record, contact_id: int, person: str, reach: Record) -> Record:
    first, _, last = person.partition(" ")
    record: Record = {
        "displayName": person,
        "active": customer["status"] != "Inactive",
        "firstName": first,
        "lastName": last or first,
        "businessAccount": customer["number"],
        "businessAccountType": "Customer",
        "sameAsAccount": True,
        "address": dict(customer["mainAddress"]),
        "contactMethod": "Any",
        "doNotCall": False,
        "doNotFax": False,
        "doNotEmail": False,
        "doNotMail": False,
        "noMassMail": False,
        "noMarketing": False,
        "lastModifiedDateTime": customer["lastModifiedDateTime"],
        "contactId": contact_id,
    }
    for name in ("email", "web", "phone1"):
        if reach.get(name):
            record[name] = reach[name]
    return record


def _days(rng: random.Random, first: date) -> timedelta:
    return timedelta(days=rng.randrange((AS_OF.date() - first).days + 1))
