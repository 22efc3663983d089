"""Supplier records (``SupplierDto``) for one demo company."""

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta

from gateway.simulator.demodata.catalog import CompanyProfile, Market
from gateway.simulator.demodata.common import (
    AS_OF,
    Record,
    digits,
    row_version,
    stamp,
    weighted,
    working_moment,
)
from gateway.simulator.demodata.wordlists import Country

_STATUSES = ("Active", "OnHold", "HoldPayments", "Inactive", "OneTime")
_STATUS_WEIGHTS = (84, 4, 4, 6, 2)
_FIRST_CHANGE = date(2023, 3, 1)
_EMPLOYEES = (3, 8, 15, 25, 40, 75, 120, 300)


def make_suppliers(rng: random.Random, profile: CompanyProfile) -> list[Record]:
    """Generate the company's suppliers, ordered by number.

    The last one carries the profile's reserved-character number (e.g. ``IMP/2024``).
    """
    used_names: set[str] = set()
    suppliers = []
    number = profile.first_supplier_number
    internal_id = profile.first_internal_id
    for index in range(profile.supplier_count):
        reserved = index == profile.supplier_count - 1
        if reserved:
            market = profile.markets[profile.reserved_market]
            supplier_number = profile.reserved_number
            status = "Active"
        else:
            market = weighted(rng, profile.markets, [m.weight for m in profile.markets])
            supplier_number = str(number)
            status = weighted(rng, _STATUSES, _STATUS_WEIGHTS)
        name = unique_name(rng, market.country, used_names)
        suppliers.append(
            _supplier(rng, profile, market, internal_id, supplier_number, name, status)
        )
        # Numbers and ids come from number series in which deleted drafts leave gaps.
        number += 1 + (rng.randrange(10) == 0)
        internal_id += 1 + rng.randrange(3)
    return suppliers


def _supplier(
    rng: random.Random,
    profile: CompanyProfile,
    market: Market,
    internal_id: int,
    number: str,
    name: str,
    status: str,
) -> Record:
    country = market.country
    # Profiles list credit terms most common first.
    terms, _ = weighted(rng, profile.credit_terms, range(len(profile.credit_terms), 0, -1))
    address = business_address(rng, country, internal_id)
    contact = business_contact(rng, country, name, internal_id)
    vat_id, corporate_id = registration(rng, country.id)
    changed = working_moment(rng, _FIRST_CHANGE + _days_between(rng, _FIRST_CHANGE))
    supplier_class = rng.choice(market.classes)
    return {
        "internalId": internal_id,
        "number": number,
        "name": name,
        "status": status,
        "mainAddress": address,
        "mainContact": contact,
        "supplierClass": {"id": supplier_class.id, "description": supplier_class.description},
        "creditTerms": {"id": terms.id, "description": terms.description},
        "documentLanguage": market.language,
        "currencyId": market.currency.id,
        "remitAddress": dict(address),
        "remitContact": dict(contact),
        "paymentMethod": {
            "id": market.payment_method.id,
            "description": market.payment_method.description,
        },
        "cashAccount": profile.cash_account,
        "chargeBearer": "Shared",
        "accountUsedForPayment": market.account_used_for_payment,
        "paymentBy": "DueDate",
        "paymentLeadTime": 0,
        "paySeparately": False,
        "location": {"countryId": country.id, "id": "MAIN", "name": "Primary Location"},
        "vatRegistrationId": vat_id,
        "corporateId": corporate_id,
        "vatZone": {"id": market.vat_zone.id, "description": market.vat_zone.description},
        "glAccounts": {
            "supplierAccount": {
                "type": profile.supplier_account.type,
                "number": profile.supplier_account.number,
                "description": profile.supplier_account.description,
            }
        },
        "attributes": [],
        "lastModifiedDateTime": stamp(rng, changed),
        "supplierPaymentMethodDetails": [_bank_detail(rng, market)],
        "retainageApply": False,
        "numberOfEmployees": rng.choice(_EMPLOYEES),
        "landedCostSupplier": False,
        "currencyOverride": False,
        "currencyRateOverride": False,
        "timeStamp": row_version(rng),
    }


def unique_name(rng: random.Random, country: Country, used: set[str]) -> str:
    """A company name of the country not in ``used`` (which it joins)."""
    while True:
        name = rng.choice(country.name_patterns).format(
            surname=rng.choice(country.surnames),
            place=rng.choice(country.places),
            trade=rng.choice(country.trades),
        )
        if name not in used:
            used.add(name)
            return name


def business_address(rng: random.Random, country: Country, internal_id: int) -> Record:
    """A business account's main address (``addressId`` from its internal id)."""
    city = rng.choice(country.cities)
    return {
        "addressId": internal_id * 10 + 1,
        "addressLine1": f"{rng.choice(country.streets)} {rng.randrange(1, 140)}",
        "addressLine2": "",
        "postalCode": city.postal_code,
        "city": city.name,
        "country": {"id": country.id, "name": country.name},
        "county": {"id": city.county_id, "name": city.county_name},
    }


def business_contact(rng: random.Random, country: Country, name: str, internal_id: int) -> Record:
    """A business account's main contact (``contactId`` from its internal id)."""
    domain = f"{_slug(name)}.{country.web_suffix}"
    first = rng.choice(country.first_names)
    last = rng.choice(country.surnames)
    return {
        "contactId": internal_id * 10 + 2,
        "name": name,
        "attention": f"{first} {last}",
        "email": f"{_slug(first)}.{_slug(last)}@{domain}",
        "web": f"www.{domain}",
        "phone1": f"{country.phone_prefix} {digits(rng, 8)}",
    }


def registration(rng: random.Random, country_id: str) -> tuple[str, str]:
    """(vatRegistrationId, corporateId) in the country's real-world shape."""
    if country_id == "NO":
        org = _norwegian_org_number(rng)
        return f"NO{org}MVA", org
    if country_id == "SE":
        org = _swedish_org_number(rng)
        return f"SE{org}01", f"{org[:6]}-{org[6:]}"
    return f"DE{digits(rng, 9)}", f"HRB {digits(rng, 5)}"


def _norwegian_org_number(rng: random.Random) -> str:
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    while True:
        body = rng.choice("89") + digits(rng, 7)
        remainder = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
        check = (11 - remainder) % 11
        if check != 10:
            return f"{body}{check}"


def _swedish_org_number(rng: random.Random) -> str:
    body = "556" + digits(rng, 6)
    total = 0
    for position, digit in enumerate(body):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"{body}{(10 - total % 10) % 10}"


def _bank_detail(rng: random.Random, market: Market) -> Record:
    kind = market.account_used_for_payment
    if kind == "BBAN":
        value = f"{digits(rng, 4)}.{digits(rng, 2)}.{digits(rng, 5)}"
        description = "Kontonummer"
    elif kind == "BANKGIRO":
        value = f"{digits(rng, 3 + rng.randrange(2))}-{digits(rng, 4)}"
        description = "Bankgironummer"
    else:
        value = f"{market.country.id}{digits(rng, 2)}{digits(rng, 18)}"
        description = "IBAN"
    return {
        "paymentMethodDetailDescription": description,
        "paymentMethodDetailValue": value,
        "paymentMethodDetailID": kind,
    }


def _days_between(rng: random.Random, first: date) -> timedelta:
    return timedelta(days=rng.randrange((AS_OF.date() - first).days + 1))


def _slug(text: str) -> str:
    folded = text.lower().replace("ø", "o").replace("æ", "ae").replace("ß", "ss")
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_text).split()
    meaningful = [w for w in words if w not in {"as", "asa", "ab", "hb", "gmbh", "kg", "ag", "co"}]
    return "".join(meaningful[:2]) or "firma"
