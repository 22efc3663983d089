"""The vocabulary a demo company is described with: codes, accounts, items, markets.

These are plain frozen records; :mod:`profiles` fills them in for the two demo companies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gateway.simulator.demodata.wordlists import Country


@dataclass(frozen=True)
class Code:
    """An id with a description (supplier class, credit terms, branch, project ...)."""

    id: str
    description: str


@dataclass(frozen=True)
class VatCode:
    id: str
    description: str
    rate: int  # percent


@dataclass(frozen=True)
class Account:
    number: str
    description: str
    type: str  # Asset | Liability | Income | Expense


@dataclass(frozen=True)
class Currency:
    id: str
    description: str
    symbol: str


@dataclass(frozen=True)
class Item:
    """A purchasable item or service; prices are in the company's base currency, in cents."""

    number: str
    description: str
    uom: str
    price_range: tuple[int, int]
    quantity_range: tuple[int, int]
    account: Account
    vat: VatCode
    line_type: str  # PurchaseOrderLineDto.lineType
    stock: bool


def item_table(
    text: str, *, accounts: tuple[Account, ...], vat_codes: tuple[VatCode, ...]
) -> tuple[Item, ...]:
    """Read items from rows of ``number | description | uom | price range (whole units) |
    quantity range | account number | VAT code id | PO line type``."""
    account_by_number = {account.number: account for account in accounts}
    vat_by_id = {vat.id: vat for vat in vat_codes}
    items = []
    for row in text.strip().splitlines():
        number, description, uom, prices, quantities, account, vat, line_type = (
            cell.strip() for cell in row.split("|")
        )
        low_price, high_price = (int(part) * 100 for part in prices.split("-"))
        low_qty, high_qty = (int(part) for part in quantities.split("-"))
        items.append(
            Item(
                number=number,
                description=description,
                uom=uom,
                price_range=(low_price, high_price),
                quantity_range=(low_qty, high_qty),
                account=account_by_number[account],
                vat=vat_by_id[vat],
                line_type=line_type,
                stock=line_type == "GoodsForInventory",
            )
        )
    return tuple(items)


@dataclass(frozen=True)
class Market:
    """A group of suppliers from one country, invoicing in one currency."""

    country: Country
    currency: Currency
    rate_millis: int  # base currency per unit of `currency`, times 1000
    weight: int
    classes: tuple[Code, ...]
    vat_zone: Code
    vat_override: VatCode | None  # e.g. reverse charge for imports
    payment_method: Code
    account_used_for_payment: str
    language: str


@dataclass(frozen=True)
class CompanyProfile:
    """Fixed facts and sizes for one demo company."""

    tenant_id: str
    name: str
    seed: int
    base_currency: Currency
    markets: tuple[Market, ...]
    reserved_market: int  # index into markets for the supplier with a reserved-character number
    reserved_number: str
    supplier_count: int  # including the reserved-number supplier
    first_supplier_number: int
    first_internal_id: int
    invoice_count: int
    first_invoice_number: int
    order_count: int
    first_order_number: int
    payment_count: int
    first_payment_number: int
    credit_terms: tuple[tuple[Code, int], ...]  # terms and their days
    branches: tuple[Code, ...]
    projects: tuple[Code, ...]
    project_tasks: tuple[Code, ...]
    project_share: int  # percent of invoices and orders booked on a project
    items: tuple[Item, ...]
    supplier_account: Account
    cash_account: str
    warehouse: Code
    buyers: tuple[Code, ...]  # order owners: id is a uuid
    credit_note_word: str
    payment_word: str
    first_day: date

    def credit_days(self, terms_id: str) -> int:
        """Days until due for the credit terms with this id."""
        return next(days for code, days in self.credit_terms if code.id == terms_id)
