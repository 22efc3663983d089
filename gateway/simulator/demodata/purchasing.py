"""Reference records the purchasing documents point at: projects and their tasks, inventory
items, warehouses, units of measure, supplier contacts and supplier locations.

Everything is derived from the company profile and the suppliers already generated, so each
project, task, item, unit, warehouse, contact and location that an invoice, order or payment
names exists here. Randomness comes from the caller's own ``random.Random``.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from gateway.simulator.demodata.catalog import Code, CompanyProfile, Item
from gateway.simulator.demodata.common import (
    AS_OF,
    Record,
    digits,
    later,
    row_version,
    stamp,
    working_moment,
)
from gateway.simulator.demodata.pricing import market_of
from gateway.simulator.timeformat import document_date

_ALL_MODULES = ("Gl", "Ap", "Ar", "So", "Po", "Ea", "Ta", "In", "Ca", "Cr")
_ITEM_TYPES = {
    "GoodsForInventory": "FinishedGoodItem",
    "NonStock": "NonStockItem",
    "Service": "ServiceItem",
    "Freight": "ChargeItem",
}
_BILLING_POSITION = {"NO": "Regnskapsansvarlig", "SE": "Ekonomiansvarig", "DE": "Buchhaltung"}
# Global conversions Visma ships, kept when the company uses the unit on the left.
_CONVERSIONS = (
    ("KG", "G", 1000.0),
    ("M", "CM", 100.0),
    ("TIME", "MIN", 60.0),
    ("TIM", "MIN", 60.0),
    ("UKE", "DAG", 7.0),
    ("MÅN", "DAG", 30.0),
    ("M3", "L", 1000.0),
)


def _visibility() -> Record:
    return {f"visibleIn{module}": True for module in _ALL_MODULES}


def _public_id(tenant: str, kind: str, key: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"visma-sim:{tenant}:{kind}:{key}"))


def make_projects(rng: random.Random, profile: CompanyProfile) -> list[Record]:
    """One ``ProjectDto`` per profile project, with its tasks, ordered by project id."""
    projects = []
    for index, code in enumerate(profile.projects):
        start = _project_start(profile, code)
        # Invoices reach up to the export date, so every project is still running.
        ended = False
        end = max(start + timedelta(days=540), AS_OF.date() + timedelta(days=90))
        branch = profile.branches[index % len(profile.branches)]
        created = working_moment(rng, start - timedelta(days=14))
        projects.append(
            {
                "internalID": index + 1,
                "projectID": code.id,
                "customer": {"number": f"{index + 1:05d}", "name": f"{code.description} oppdrag"},
                "hold": False,
                "status": "Completed" if ended else "Active",
                "description": code.description,
                "assets": 0.0,
                "liability": 0.0,
                "income": 0.0,
                "expenses": 0.0,
                "startDate": document_date(start),
                "endDate": document_date(end),
                "restrictEmployees": False,
                "restrictEquipment": False,
                "visibility": _visibility(),
                "billingPeriod": "Monthly",
                "branch": {"number": branch.id, "name": branch.description},
                "autoAllocate": False,
                "automaticReleaseAr": False,
                "lastModifiedDateTime": stamp(rng, later(rng, created, 200)),
                "tasks": [
                    _task_summary(task, start, end, ended, branch) for task in profile.project_tasks
                ],
                "publicId": _public_id(profile.tenant_id, "project", code.id),
                "systemTemplate": False,
            }
        )
    return projects


def _project_start(profile: CompanyProfile, code: Code) -> date:
    # Project ids carry their year where the company numbers them so (P24-101).
    year_digits = "".join(ch for ch in code.id[:4] if ch.isdigit())
    if len(year_digits) == 2:
        return date(2000 + int(year_digits), 1, 15)
    return profile.first_day


def _task_summary(task: Code, start: date, end: date, ended: bool, branch: Code) -> Record:
    return {
        "taskId": task.id,
        "description": task.description,
        "plannedStart": document_date(start),
        "plannedEnd": document_date(end),
        "startDate": document_date(start),
        "branch": {"number": branch.id, "name": branch.description},
        "status": "Completed" if ended else "Active",
        "restrictEmployees": False,
        "visibility": _visibility(),
    }


def make_tasks(rng: random.Random, profile: CompanyProfile, projects: list[Record]) -> list[Record]:
    """``TaskExtendedDto`` for every task of every project, ordered by internalId."""
    tasks: list[Record] = []
    for project in projects:
        for summary in project["tasks"]:
            created = working_moment(rng, date.fromisoformat(summary["startDate"][:10]))
            tasks.append(
                {
                    "internalId": len(tasks) + 101,
                    "projectInternalId": project["internalID"],
                    "lastModifiedDateTime": stamp(rng, later(rng, created, 120)),
                    "createdDateTime": stamp(rng, created),
                    **summary,
                }
            )
    return tasks


def make_inventory(rng: random.Random, profile: CompanyProfile) -> list[Record]:
    """``InventoryDto`` for every item the company buys, ordered by inventory number."""
    items = sorted(profile.items, key=lambda item: item.number)
    return [_inventory(rng, profile, index, item) for index, item in enumerate(items, 1)]


def _inventory(rng: random.Random, profile: CompanyProfile, index: int, item: Item) -> Record:
    kind = _ITEM_TYPES[item.line_type]
    cost = (item.price_range[0] + item.price_range[1]) // 2 / 100
    record: Record = {
        "inventoryId": index,
        "inventoryNumber": item.number,
        "status": "Active",
        "type": kind,
        "description": item.description,
        "itemClass": {
            "id": item.line_type[:10].upper(),
            "description": item.line_type,
            "type": kind,
        },
        "postingClass": {"id": item.account.number, "description": item.account.description},
        "vatCode": {"id": item.vat.id, "description": item.vat.description},
        "defaultPrice": 0.0,
        "currentCost": cost,
        "lastCost": cost,
        "lastModifiedDateTime": stamp(rng, working_moment(rng, profile.first_day)),
        "baseUnit": item.uom,
        "salesUnit": item.uom,
        "purchaseUnit": item.uom,
        "stockItem": item.stock,
        "kitItem": False,
        "timestamp": row_version(rng),
    }
    if item.stock:
        warehouse = {"id": profile.warehouse.id, "description": profile.warehouse.description}
        record |= {"defaultWarehouse": warehouse, "defaultReceiptTo": dict(warehouse)}
    return record


def make_warehouses(rng: random.Random, profile: CompanyProfile) -> list[Record]:
    """``WarehouseDto``: the main warehouse at the head office, a smaller one per branch."""
    warehouses = []
    for index, branch in enumerate(profile.branches):
        if index == 0:
            code = profile.warehouse
        else:
            city = branch.description.split()[-1]
            code = Code(f"{profile.warehouse.id[:3]}-{city[:3].upper()}", f"Lager {city}")
        warehouses.append(
            {
                "warehouseID": code.id,
                "branch": {"number": branch.id, "name": branch.description},
                "active": True,
                "lockSitePICountEntry": False,
                "description": code.description,
                "locationEntry": "Warn",
                "avgDefaultCost": "AverageCost",
                "fifoDefaultCost": "AverageCost",
                "timestamp": row_version(rng),
            }
        )
    return sorted(warehouses, key=lambda w: str(w["warehouseID"]))


def make_units(profile: CompanyProfile) -> list[Record]:
    """``UnitOfMeasureDto``: the global conversions for the units the items use."""
    used = {item.uom for item in profile.items}
    return [
        {"fromUnit": unit, "toUnit": to, "unitMultDiv": "Multiply", "unitRate": rate}
        for unit, to, rate in _CONVERSIONS
        if unit in used
    ] + [
        {"fromUnit": unit, "toUnit": unit, "unitMultDiv": "Multiply", "unitRate": 1.0}
        for unit in sorted(used)
    ]


def make_contacts(
    rng: random.Random, profile: CompanyProfile, suppliers: list[Record]
) -> list[Record]:
    """``ContactDto`` for every supplier's main contact, and for about a third of them the
    person who handles their invoicing; ordered by contactId."""
    contacts = []
    for supplier in suppliers:
        main = supplier["mainContact"]
        person = str(main.get("attention") or main["name"])
        record = _contact(supplier, main["contactId"], person)
        for name in ("email", "web", "phone1"):
            if main.get(name):
                record[name] = main[name]
        contacts.append(record)
        if rng.randrange(3) == 0:
            contacts.append(_billing_contact(rng, profile, supplier))
    return sorted(contacts, key=lambda c: int(c["contactId"]))


def _billing_contact(rng: random.Random, profile: CompanyProfile, supplier: Record) -> Record:
    country = market_of(profile, supplier).country
    person = f"{rng.choice(country.first_names)} {rng.choice(country.surnames)}"
    # Main contacts are numbered internalId * 10 + 2; the next number is free.
    record = _contact(supplier, supplier["internalId"] * 10 + 3, person)
    record["position"] = _BILLING_POSITION.get(country.id, "Accounting")
    web = str(supplier["mainContact"].get("web") or "")
    if web:
        record["email"] = f"faktura@{web.removeprefix('www.')}"
        record["web"] = web
    record["contactMethod"] = "Email"
    return record


def _contact(supplier: Record, contact_id: int, person: str) -> Record:
    first, _, last = person.partition(" ")
    return {
        "displayName": person,
        "active": supplier["status"] != "Inactive",
        "firstName": first,
        "lastName": last,
        "businessAccount": supplier["number"],
        "businessAccountType": "Supplier",
        "sameAsAccount": True,
        "address": dict(supplier["mainAddress"]),
        "contactMethod": "Any",
        "doNotCall": False,
        "doNotFax": False,
        "doNotEmail": False,
        "doNotMail": False,
        "noMassMail": False,
        "noMarketing": False,
        "lastModifiedDateTime": supplier["lastModifiedDateTime"],
        "contactId": contact_id,
    }


def make_locations(rng: random.Random, suppliers: list[Record]) -> list[Record]:
    """``SupplierLocationDto`` for every supplier's location, in supplier order."""
    locations = []
    for supplier in suppliers:
        location = supplier["location"]
        record: Record = {
            "baccount": {
                "internalId": supplier["internalId"],
                "number": supplier["number"],
                "name": supplier["name"],
            },
            "locationId": location["id"],
            "locationName": location["name"],
            "active": supplier["status"] != "Inactive",
            "address": dict(supplier["mainAddress"]),
            "contact": dict(supplier["mainContact"]),
            "vatZone": dict(supplier["vatZone"]),
            "lastModifiedDateTime": supplier["lastModifiedDateTime"],
            "supplierPaymentMethodDetails": [
                dict(detail) for detail in supplier.get("supplierPaymentMethodDetails", [])
            ],
            "timeStamp": row_version(rng),
        }
        for name in ("vatRegistrationId", "corporateId"):
            if supplier.get(name):
                record[name] = supplier[name]
        if rng.randrange(3) == 0:
            record["gln"] = "70" + digits(rng, 11)
        locations.append(record)
    return locations
