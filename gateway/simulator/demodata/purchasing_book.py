"""One company's purchasing reference data and derived documents, with their lookups."""

from __future__ import annotations

import random
from dataclasses import dataclass

from gateway.simulator.demodata.catalog import CompanyProfile
from gateway.simulator.demodata.common import Record
from gateway.simulator.demodata.purchasing import (
    make_contacts,
    make_inventory,
    make_locations,
    make_projects,
    make_tasks,
    make_units,
    make_warehouses,
)
from gateway.simulator.demodata.receipts import attach_originals, make_documents, make_receipts

_SEED_SALT = 0x50_55_52_43  # keeps these draws apart from the ledgers' own sequence


@dataclass(frozen=True)
class PurchasingBook:
    """Records as served, each list in the API's order, plus the invoice attachments by id."""

    projects: list[Record]
    tasks: list[Record]
    inventory: list[Record]
    warehouses: list[Record]
    units: list[Record]
    contacts: list[Record]
    locations: list[Record]
    receipts: list[Record]
    documents: list[Record]
    attachments: dict[str, Record]


def make_purchasing_book(
    profile: CompanyProfile,
    suppliers: list[Record],
    invoices: list[Record],
    orders: list[Record],
    payments: list[Record],
) -> PurchasingBook:
    """Derive the book; adds ``attachments`` to a share of ``invoices`` (see receipts.py)."""
    rng = random.Random(profile.seed ^ _SEED_SALT)
    projects = make_projects(rng, profile)
    return PurchasingBook(
        projects=projects,
        tasks=make_tasks(rng, profile, projects),
        inventory=make_inventory(rng, profile),
        warehouses=make_warehouses(rng, profile),
        units=make_units(profile),
        contacts=make_contacts(rng, profile, suppliers),
        locations=make_locations(rng, suppliers),
        receipts=make_receipts(rng, orders),
        documents=make_documents(profile, suppliers, invoices, payments),
        attachments=attach_originals(profile.tenant_id, invoices),
    )
