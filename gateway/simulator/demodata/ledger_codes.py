"""Reference codes of a demo company: currencies, terms, payment methods, VAT, countries.

Every code the supplier documents carry is taken from the company profile, so each value a
supplier, invoice, order or payment refers to exists here; a few unused codes are added the
way a real company's setup holds more than its documents use.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from gateway.simulator.demodata.catalog import Code, CompanyProfile, Currency, VatCode
from gateway.simulator.demodata.common import AS_OF, Record, later, row_version, stamp

_SETUP_DAY = datetime(2023, 11, 6, 9, 0, tzinfo=UTC)
"""When the demo companies were set up: the earliest creation stamp of any code."""

_MORE_COUNTRIES = (
    Code("DK", "Danmark"),
    Code("FI", "Suomi"),
    Code("GB", "United Kingdom"),
    Code("NL", "Nederland"),
    Code("PL", "Polska"),
    Code("US", "United States"),
)
_DETAIL_NAMES = {"BBAN": "Kontonummer", "BANKGIRO": "Bankgironummer", "IBAN": "IBAN"}
_FIRST_VAT_RATE = datetime(2016, 1, 1)


def modified(rng: random.Random) -> str:
    """A ``lastModifiedDateTime`` between the company's setup and the export."""
    return stamp(rng, later(rng, _SETUP_DAY, (AS_OF - _SETUP_DAY).days))


def currencies(profile: CompanyProfile) -> list[Record]:
    """The base currency and every currency a market invoices in, by id."""
    unique: dict[str, Currency] = {}
    for currency in (profile.base_currency, *(m.currency for m in profile.markets)):
        unique.setdefault(currency.id, currency)
    return [
        {
            "id": c.id,
            "description": c.description,
            "symbol": c.symbol,
            "isBaseCurrency": c.id == profile.base_currency.id,
            "decimalPrecision": 2,
            "isUsedForAccounting": True,
        }
        for c in sorted(unique.values(), key=lambda c: c.id)
    ]


def credit_terms(rng: random.Random, profile: CompanyProfile) -> list[Record]:
    """Net-days terms as the profile lists them, ordered by id."""
    records = []
    for code, days in sorted(profile.credit_terms, key=lambda term: term[0].id):
        created = later(rng, _SETUP_DAY, 20)
        records.append(
            {
                "termsId": code.id,
                "description": code.description,
                "visibleTo": "All",
                "dueDateType": "FixedNumberOfDays",
                "moveDueDateIfOnTheWeekend": "NoChange",
                "dueDay1": days,
                "dueDay1DayFrom1": 0,
                "dueDay1DayTo1": 0,
                "discountType": "FixedNumberOfDays",
                "discountDay": 0,
                "discountPercent": 0.0,
                "delayDays": 0,
                "calculationType": "NotApplicable",
                "instalmentType": "Single",
                "numberOfInstalments": 1,
                "instalmentFrequency": "Monthly",
                "instalmentMethod": "EqualParts",
                "instalmentsSchedule": [],
                "createdDateTime": stamp(rng, created),
                "lastModifiedDateTime": stamp(rng, later(rng, created, 400)),
            }
        )
    return records


def payment_methods(profile: CompanyProfile) -> list[Record]:
    """The markets' payment methods with the bank detail their suppliers fill in."""
    methods: dict[str, tuple[Code, str]] = {}
    for market in profile.markets:
        methods.setdefault(
            market.payment_method.id, (market.payment_method, market.account_used_for_payment)
        )
    return [
        {
            "paymentMethodID": code.id,
            "active": True,
            "meansOfPayment": "DirectDeposit",
            "description": code.description,
            "useInAP": True,
            "details": [
                {
                    "detailID": detail,
                    "description": _DETAIL_NAMES[detail],
                    "bankingDetailType": detail,
                }
            ],
        }
        for code, detail in sorted(methods.values(), key=lambda m: m[0].id)
    ]


def supplier_classes(rng: random.Random, profile: CompanyProfile) -> list[Record]:
    """Every market's supplier classes, each paying by its market's method."""
    classes: dict[str, tuple[Code, Code]] = {}
    for market in profile.markets:
        for code in market.classes:
            classes.setdefault(code.id, (code, market.payment_method))
    return [
        {
            "id": code.id,
            "description": code.description,
            "paymentMethodId": method.id,
            "paymentMethodDescription": method.description,
            "attributes": [],
            "timeStamp": row_version(rng),
        }
        for code, method in sorted(classes.values(), key=lambda c: c[0].id)
    ]


def vat_codes(profile: CompanyProfile) -> list[VatCode]:
    """Every VAT code items and markets use, by id."""
    unique: dict[str, VatCode] = {}
    overrides = (m.vat_override for m in profile.markets if m.vat_override is not None)
    for vat in (*(item.vat for item in profile.items), *overrides):
        unique.setdefault(vat.id, vat)
    return sorted(unique.values(), key=lambda v: v.id)


def vat_categories(rng: random.Random, profile: CompanyProfile) -> list[Record]:
    """One VAT category per code, with one line and its current rate."""
    return [
        {
            "vatCategoryId": vat.id,
            "description": vat.description,
            "active": True,
            "excludeListedTaxes": False,
            "lastModifiedDateTime": modified(rng),
            "vatCategoryLines": [
                {
                    "vatId": f"{vat.id}-{vat.rate}",
                    "description": vat.description,
                    "type": "Vat" if vat.rate else "ReverseVat",
                    "calculateOn": "ItemAmount",
                    "cashDiscount": "ToTaxableAmount",
                    "vatRates": [
                        {
                            "revisionID": "1",
                            "vatRate": float(vat.rate),
                            "startDate": _FIRST_VAT_RATE.isoformat(),
                        }
                    ],
                }
            ],
        }
        for vat in vat_codes(profile)
    ]


def vat_zones(profile: CompanyProfile) -> list[Record]:
    """The markets' VAT zones; a zone defaults to its market's override or the main rate."""
    main_rate = profile.items[0].vat
    zones: dict[str, Record] = {}
    for market in profile.markets:
        default = market.vat_override or main_rate
        zones.setdefault(
            market.vat_zone.id,
            {
                "id": market.vat_zone.id,
                "description": market.vat_zone.description,
                "defaultVatCategory": default.id,
                "defaultTaxCategory": {"number": default.id, "description": default.description},
            },
        )
    return [zones[key] for key in sorted(zones)]


def countries(profile: CompanyProfile) -> list[Record]:
    """The markets' countries and a few neighbours, by id."""
    names = {market.country.id: market.country.name for market in profile.markets}
    for code in _MORE_COUNTRIES:
        names.setdefault(code.id, code.description)
    return [{"id": key, "name": names[key]} for key in sorted(names)]
