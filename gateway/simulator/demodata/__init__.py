"""Deterministic demo books for the simulator's two companies.

Each company is generated from its own ``random.Random(seed)``, so the data is identical on
every run and every machine; a company may be generated ``scale`` times its size (benchmarks
of a big company). Records are the DTO dicts exactly as served (without
``metadata``), each list in the order the API serves it.
"""

from __future__ import annotations

import dataclasses
import functools
import random
from dataclasses import dataclass
from typing import Any

from gateway.simulator.demodata.balances import make_balances, make_po_balances
from gateway.simulator.demodata.catalog import CompanyProfile
from gateway.simulator.demodata.invoices import make_invoices
from gateway.simulator.demodata.ledger import make_ledger
from gateway.simulator.demodata.orders import make_orders
from gateway.simulator.demodata.payments import make_payments
from gateway.simulator.demodata.profiles import PROFILES
from gateway.simulator.demodata.purchasing_book import PurchasingBook, make_purchasing_book
from gateway.simulator.demodata.receivables_book import ReceivablesBook, make_receivables_book
from gateway.simulator.demodata.suppliers import make_suppliers


@dataclass(frozen=True)
class CompanyData:
    """One company's records, read-only by convention.

    ``suppliers`` are ordered by number, ``invoices`` by referenceNumber, ``purchase_orders``
    by orderNbr and ``payments`` by refNbr; the balance lists follow supplier order.
    """

    tenant_id: str
    name: str
    currency: str
    suppliers: list[dict[str, Any]]
    invoices: list[dict[str, Any]]
    purchase_orders: list[dict[str, Any]]
    payments: list[dict[str, Any]]
    supplier_balances: list[dict[str, Any]]
    po_balances: list[dict[str, Any]]
    ledger: dict[str, list[dict[str, Any]]]  # ledger setup by resource: accounts, branches ...
    purchasing: PurchasingBook

    @functools.cached_property
    def receivables(self) -> ReceivablesBook:
        """The receivable side, generated on first use so supplier reads never wait for it
        (a written copy of the company generates it again, identically)."""
        profile = next(p for p in PROFILES if p.tenant_id == self.tenant_id)
        return make_receivables_book(profile, self.ledger, self.purchasing.projects)

    @functools.cached_property
    def contacts(self) -> list[dict[str, Any]]:
        """Every contact of the company, as ``/v1/contact`` lists them: the suppliers' and the
        customers' (their business accounts and contact ids never overlap), by contactId."""
        both = [*self.purchasing.contacts, *self.receivables.contacts]
        return sorted(both, key=lambda c: int(c["contactId"]))


def build_company(profile: CompanyProfile) -> CompanyData:
    """Generate one company's books from its profile (always the same for the same profile)."""
    rng = random.Random(profile.seed)
    suppliers = sorted(make_suppliers(rng, profile), key=lambda s: str(s["number"]))
    invoices = make_invoices(rng, profile, suppliers)
    orders = make_orders(rng, profile, suppliers, invoices)
    payments = make_payments(rng, profile, suppliers, invoices)
    return CompanyData(
        tenant_id=profile.tenant_id,
        name=profile.name,
        currency=profile.base_currency.id,
        suppliers=suppliers,
        invoices=sorted(invoices, key=lambda i: str(i["referenceNumber"])),
        purchase_orders=sorted(orders, key=lambda o: str(o["orderNbr"])),
        payments=sorted(payments, key=lambda p: str(p["refNbr"])),
        supplier_balances=make_balances(suppliers, invoices),
        po_balances=make_po_balances(suppliers, orders),
        ledger=make_ledger(profile),
        purchasing=make_purchasing_book(profile, suppliers, invoices, orders, payments),
    )


# Above this, invoice numbers (100001 on) would run into payment numbers (300001 on).
MAX_SCALE = 10
DEMO_TENANTS = frozenset(profile.tenant_id for profile in PROFILES)


@functools.cache
def demo_company(tenant_id: str, scale: int = 1) -> CompanyData:
    """A demo company, generated on first use once per process and scale and shared (do not
    mutate). ``scale`` multiplies its suppliers, their invoices, orders and payments: company
    A at 10 has 2400 suppliers and 60,000 supplier invoices (its receivable side keeps its
    size)."""
    if not 1 <= scale <= MAX_SCALE:
        raise ValueError(f"scale must be 1 to {MAX_SCALE}, got {scale}")
    profile = next(p for p in PROFILES if p.tenant_id == tenant_id)
    return build_company(
        dataclasses.replace(
            profile,
            supplier_count=profile.supplier_count * scale,
            invoice_count=profile.invoice_count * scale,
            order_count=profile.order_count * scale,
            payment_count=profile.payment_count * scale,
        )
    )
