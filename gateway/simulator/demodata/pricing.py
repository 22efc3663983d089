"""Priced document lines shared by invoices and purchase orders.

Prices live in the company's base currency; a supplier in another market is billed in its own
currency at the market's fixed rate, and imports carry the market's VAT code (reverse charge).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from gateway.simulator.demodata.catalog import CompanyProfile, Item, Market, VatCode
from gateway.simulator.demodata.common import Record, convert, percent_of


@dataclass(frozen=True)
class PricedLine:
    """One line: amounts in cents, in document currency unless named ``_base``."""

    item: Item
    quantity: int
    unit_cost: int
    unit_cost_base: int
    cost: int
    cost_base: int
    vat: VatCode
    vat_amount: int


def market_of(profile: CompanyProfile, supplier: Record) -> Market:
    """The market a supplier was generated in (by country and currency)."""
    country = supplier["location"]["countryId"]
    currency = supplier["currencyId"]
    for market in profile.markets:
        if market.country.id == country and market.currency.id == currency:
            return market
    raise LookupError(f"no market for supplier {supplier['number']}")


def pick_item(rng: random.Random, profile: CompanyProfile, supplier: Record) -> Item:
    """An item this supplier sells: mostly from its own small range, sometimes anything."""
    items = profile.items
    if rng.randrange(5) == 0:
        return rng.choice(items)
    # A supplier's range is a fixed window of the catalogue, derived from its id.
    start = int(supplier["internalId"]) * 5
    return items[(start + rng.randrange(3)) % len(items)]


def price_line(rng: random.Random, item: Item, market: Market) -> PricedLine:
    """Draw a quantity and list price, billed in the market's currency with its VAT code."""
    quantity = rng.randint(*item.quantity_range)
    list_price = rng.randint(*item.price_range)
    unit_cost = (list_price * 1000 + market.rate_millis // 2) // market.rate_millis
    cost = unit_cost * quantity
    vat = market.vat_override or item.vat
    return PricedLine(
        item=item,
        quantity=quantity,
        unit_cost=unit_cost,
        unit_cost_base=convert(unit_cost, market.rate_millis),
        cost=cost,
        cost_base=convert(cost, market.rate_millis),
        vat=vat,
        vat_amount=percent_of(cost, vat.rate),
    )


def account_of(item: Item) -> Record:
    account = item.account
    return {
        "type": account.type,
        "number": account.number,
        "description": account.description,
    }
