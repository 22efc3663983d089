"""A demo company's general-ledger setup: chart of accounts, subaccounts, cash accounts,
branches and financial periods, plus the reference codes of :mod:`ledger_codes`.

Accounts come from the profile (item accounts, the supplier account, the cash account) and a
short standard chart per company; every account, branch and period the documents use exists.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from gateway.simulator.demodata import ledger_codes as codes
from gateway.simulator.demodata.catalog import Account, Code, CompanyProfile
from gateway.simulator.demodata.common import AS_OF, Record, digits
from gateway.simulator.tokens import COMPANY_A_TENANT

Books = dict[str, list[dict[str, Any]]]
"""Collections by resource name (``account``, ``branch`` ...), each ordered by its key."""


@dataclass(frozen=True)
class _Setup:
    """Company facts the profile does not hold."""

    accounts: tuple[Account, ...]
    retired_account: Account  # an inactive account, as every old chart has
    cash_accounts: tuple[tuple[str, str, str], ...]  # number, description, currency
    account_classes: dict[str, str]  # account type -> class description
    departments: tuple[Code, ...]  # subaccount segment values, the first is the default
    department_word: str
    branch_cities: tuple[tuple[str, str, str], ...]  # street, postal code, city
    months: tuple[str, ...]
    organisation_number: str


_NORWAY = _Setup(
    accounts=(
        Account("1500", "Kundefordringer", "Asset"),
        Account("1920", "Bankinnskudd", "Asset"),
        Account("1925", "Valutakonto EUR", "Asset"),
        Account("2710", "Inngående merverdiavgift", "Liability"),
        Account("2740", "Oppgjørskonto merverdiavgift", "Liability"),
        Account("3000", "Salgsinntekt, avgiftspliktig", "Income"),
        Account("5000", "Lønn til ansatte", "Expense"),
        Account("7770", "Bank- og kortgebyrer", "Expense"),
        Account("8060", "Valutagevinst (agio)", "Income"),
        Account("8160", "Valutatap (disagio)", "Expense"),
    ),
    retired_account=Account("7100", "Bilgodtgjørelse, oppgavepliktig", "Expense"),
    cash_accounts=(("1920", "Bankinnskudd", "NOK"), ("1925", "Valutakonto EUR", "EUR")),
    account_classes={
        "Asset": "Eiendeler",
        "Liability": "Gjeld",
        "Income": "Driftsinntekter",
        "Expense": "Driftskostnader",
    },
    departments=(
        Code("000", "Felles"),
        Code("100", "Oslo"),
        Code("200", "Bergen"),
        Code("300", "Trondheim"),
        Code("900", "Avviklet"),
    ),
    department_word="Avdeling",
    branch_cities=(
        ("Karenslyst allé 9", "0278", "Oslo"),
        ("Kokstadvegen 23", "5257", "Bergen"),
        ("Sluppenvegen 12", "7037", "Trondheim"),
    ),
    months=(
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ),
    organisation_number="923456781",
)

_SWEDEN = _Setup(
    accounts=(
        Account("1510", "Kundfordringar", "Asset"),
        Account("1930", "Företagskonto", "Asset"),
        Account("1931", "Valutakonto EUR", "Asset"),
        Account("2640", "Ingående moms", "Liability"),
        Account("2650", "Redovisningskonto för moms", "Liability"),
        Account("3001", "Försäljning inom Sverige, 25 % moms", "Income"),
        Account("7010", "Löner till kollektivanställda", "Expense"),
        Account("6570", "Bankkostnader", "Expense"),
        Account("3960", "Valutakursvinster", "Income"),
        Account("7960", "Valutakursförluster", "Expense"),
    ),
    retired_account=Account("5611", "Drivmedel för personbilar", "Expense"),
    cash_accounts=(("1930", "Företagskonto", "SEK"), ("1931", "Valutakonto EUR", "EUR")),
    account_classes={
        "Asset": "Tillgångar",
        "Liability": "Skulder",
        "Income": "Rörelsens intäkter",
        "Expense": "Rörelsens kostnader",
    },
    departments=(
        Code("00", "Gemensamt"),
        Code("10", "Göteborg"),
        Code("20", "Stockholm"),
        Code("30", "Malmö"),
        Code("90", "Nedlagd"),
    ),
    department_word="Avdelning",
    branch_cities=(
        ("Lindholmspiren 5", "417 56", "Göteborg"),
        ("Sveavägen 44", "111 34", "Stockholm"),
        ("Stortorget 3", "211 22", "Malmö"),
    ),
    months=(
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ),
    organisation_number="5567123456",
)


def make_ledger(profile: CompanyProfile) -> Books:
    """The company's ledger setup, from its own seed so the documents' data stays as it is."""
    rng = random.Random(profile.seed ^ 0x5EED_1ED6)
    setup = _NORWAY if profile.tenant_id == COMPANY_A_TENANT else _SWEDEN
    return {
        "account": _accounts(rng, profile, setup),
        "subaccount": _subaccounts(rng, setup),
        "cashAccount": _cash_accounts(rng, profile, setup),
        "branch": _branches(rng, profile, setup),
        "currency": codes.currencies(profile),
        "creditTerm": codes.credit_terms(rng, profile),
        "paymentMethod": codes.payment_methods(profile),
        "vatCategory": codes.vat_categories(rng, profile),
        "vatZone": codes.vat_zones(profile),
        "country": codes.countries(profile),
        "financialPeriod": _periods(profile, setup),
        "supplierClass": codes.supplier_classes(rng, profile),
    }


def _accounts(rng: random.Random, profile: CompanyProfile, setup: _Setup) -> list[Record]:
    chart: dict[str, Account] = {}
    for account in (
        *(i.account for i in profile.items),
        profile.supplier_account,
        *setup.accounts,
        setup.retired_account,
    ):
        chart.setdefault(account.number, account)
    cash = {number: currency for number, _, currency in setup.cash_accounts}
    records = []
    for index, account in enumerate(sorted(chart.values(), key=lambda a: a.number)):
        control = "AP" if account.number == profile.supplier_account.number else None
        record: Record = {
            "accountID": 100 + index,
            "accountCD": account.number,
            "accountClass": account.type.upper(),
            "type": account.type,
            "active": account != setup.retired_account,
            "description": account.description,
            "accountClassDescription": setup.account_classes[account.type],
            "useDefaultSub": False,
            "postOption": "Summary" if control else "Detail",
            "cashAccount": account.number in cash,
            "publicCode1": account.number[:2],
            "externalCode1Info": {"number": account.number[0], "description": account.type},
            "lastModifiedDateTime": codes.modified(rng),
            "allowManualEntry": control is None,
        }
        if account.number in cash and cash[account.number] != profile.base_currency.id:
            record["currency"] = cash[account.number]
        if control:
            record["controlAccountModule"] = control
        records.append(record)
    return records


def _subaccounts(rng: random.Random, setup: _Setup) -> list[Record]:
    return [
        {
            "subaccountNumber": code.id,
            "subaccountId": 1 + index,
            "description": code.description,
            "lastModifiedDateTime": codes.modified(rng),
            "active": index < len(setup.departments) - 1,
            "segments": [
                {
                    "segmentId": 1,
                    "segmentDescription": setup.department_word,
                    "segmentValue": code.id,
                    "segmentValueDescription": code.description,
                }
            ],
        }
        for index, code in enumerate(setup.departments)
    ]


def _cash_accounts(rng: random.Random, profile: CompanyProfile, setup: _Setup) -> list[Record]:
    return [
        {
            "number": number,
            "description": description,
            "currency": currency,
            "entryTypes": [],
            "lastModifiedDateTime": codes.modified(rng),
        }
        for number, description, currency in setup.cash_accounts
    ]


def _branches(rng: random.Random, profile: CompanyProfile, setup: _Setup) -> list[Record]:
    country = profile.markets[0].country
    zone = profile.markets[0].vat_zone
    base = profile.base_currency
    records = []
    for index, (code, (street, postal, city)) in enumerate(
        zip(profile.branches, setup.branch_cities, strict=True)
    ):
        address = {
            "addressId": 900 + index,
            "addressLine1": street,
            "postalCode": postal,
            "city": city,
            "country": {"id": country.id, "name": country.name},
        }
        records.append(
            {
                "branchId": 1 + index,
                "number": code.id,
                "name": code.description,
                "organizationId": 1,
                "isMainBranch": index == 0,
                "isActive": True,
                "lastModifiedDateTime": codes.modified(rng),
                "corporateId": setup.organisation_number,
                "vatRegistrationId": f"{country.id}{setup.organisation_number}"
                + ("MVA" if country.id == "NO" else "01"),
                "mainAddress": address,
                "mainContact": {
                    "contactId": 950 + index,
                    "name": code.description,
                    "phone1": f"{country.phone_prefix} {digits(rng, 8)}",
                },
                "defaultCountry": {"id": country.id, "name": country.name},
                "currency": {"id": base.id, "description": base.description, "symbol": base.symbol},
                "vatZone": {"id": zone.id, "description": zone.description},
                "ledger": {
                    "id": "L",
                    "description": "Hovedbok" if country.id == "NO" else "Huvudbok",
                },
            }
        )
    return records


def _periods(profile: CompanyProfile, setup: _Setup) -> list[Record]:
    """Calendar-month periods from the first document's year to the export's year."""
    records = []
    for year in range(profile.first_day.year, AS_OF.year + 1):
        for month in range(1, 13):
            start = date(year, month, 1)
            end = (start + timedelta(days=31)).replace(day=1) - timedelta(days=1)
            closed = year < AS_OF.year
            records.append(
                {
                    "year": year,
                    "period": f"{year}{month:02d}",
                    "startDate": f"{start.isoformat()}T00:00:00",
                    "endDate": f"{end.isoformat()}T00:00:00",
                    "description": f"{setup.months[month - 1].capitalize()} {year}",
                    "active": True,
                    "closedInSupplierLedger": closed,
                    "closedInCustomerLedger": closed,
                    "closedInInventoryManagement": closed,
                    "closedInGeneralLedger": closed,
                    "closedInCashManagement": closed,
                    "closedInFixedAssets": closed,
                }
            )
    return records
