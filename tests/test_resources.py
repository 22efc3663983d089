"""The resource declarations: consistent with Visma's spec and with each other, and the
tables the gateway derives from them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from gateway.events.notifications import ALL_KINDS, INVALIDATES, read_change
from gateway.resources.declaration import Resource, read_path
from gateway.resources.registry import BY_NAME, RESOURCES
from gateway.resources.supplier_balance import SUPPLIER_BALANCE
from gateway.resources.supplier_invoice import SUPPLIER_INVOICE
from gateway.settings import DEFAULT_CACHE_TTLS

SPEC: dict[str, Any] = json.loads(
    (Path(__file__).parent.parent / "spec" / "visma-erp-openapi.json").read_text()
)
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]


def _spec_path(path: str) -> str | None:
    """The spec's path that ``path`` (with ``{}`` placeholders) stands for, if any."""
    wanted = re.sub(r"\{\}", "{*}", path).lower()
    for candidate in SPEC["paths"]:
        if re.sub(r"\{[^}]+\}", "{*}", candidate).lower() == wanted:
            return str(candidate)
    return None


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.name)
def test_a_declaration_names_paths_operations_and_a_dto_of_the_spec(resource: Resource) -> None:
    list_path = _spec_path(resource.path)
    assert list_path is not None and "get" in SPEC["paths"][list_path]
    if resource.record_path is None:  # a list-only resource: no lookup, ids read the list
        assert resource.singular is None
    else:
        record_path = _spec_path(resource.record_path)
        assert record_path is not None and "get" in SPEC["paths"][record_path]
    assert resource.dto in SCHEMAS
    properties = SCHEMAS[resource.dto]["properties"]
    assert all(name in properties for name in resource.key)
    assert resource.key_parts == len(resource.key_path or resource.key)


@pytest.mark.parametrize("resource", [r for r in RESOURCES if r.parents], ids=lambda r: r.name)
def test_parent_links_filter_by_a_list_parameter_of_the_spec_and_read_a_dto_property(
    resource: Resource,
) -> None:
    list_path = _spec_path(resource.path)
    assert list_path is not None
    params = {p.get("name") for p in SPEC["paths"][list_path]["get"].get("parameters", [])}
    properties = SCHEMAS[resource.dto]["properties"]
    for link in resource.parents:
        assert link.param is None or link.param in params, link
        # A link that cannot group by parent must filter by it.
        assert link.item_path is None or link.item_path[0] in properties, link
        assert link.item_path is not None or link.param is not None, link


def test_names_kinds_and_root_fields_are_unique_and_links_point_at_declared_resources() -> None:
    for attribute in ("name", "kind", "plural", "singular"):
        values = [getattr(r, attribute) for r in RESOURCES if getattr(r, attribute)]
        assert len(values) == len(set(values)), attribute
    for resource in RESOURCES:
        assert set(resource.invalidates) <= set(ALL_KINDS)
        assert all(link.parent in BY_NAME for link in resource.parents)
        assert all(ref.target in BY_NAME for ref in resource.references)
    fields = [(link.parent, link.field) for r in RESOURCES for link in r.parents]
    assert len(fields) == len(set(fields))


def test_keys_are_read_from_the_key_properties_or_the_declared_key_path() -> None:
    invoice = {"documentType": "Invoice", "referenceNumber": "100001", "supplier": {"number": "1"}}

    assert SUPPLIER_INVOICE.record_key(invoice) == ("Invoice", "100001")
    assert SUPPLIER_INVOICE.record_key({"documentType": "Invoice"}) is None
    supplier_link = SUPPLIER_INVOICE.parents[0]
    assert supplier_link.item_path is not None
    assert read_path(invoice, supplier_link.item_path) == "1"
    assert SUPPLIER_BALANCE.record_key({"supplier": {"number": "10001"}}) == ("10001",)
    assert SUPPLIER_BALANCE.record_key({"supplier": "10001"}) is None


LEDGER_KINDS = (
    "account",
    "subaccount",
    "cashAccount",
    "branch",
    "currency",
    "paymentMethod",
    "vatCategory",
    "vatZone",
    "country",
    "financialPeriod",
    "supplierClass",
)


def test_cache_lifetimes_and_invalidation_come_from_the_declarations() -> None:
    assert {kind: DEFAULT_CACHE_TTLS[kind] for kind in ALL_KINDS} == {
        "supplier": 300,
        "supplierBalance": 60,
        "supplierPoBalance": 60,
        "supplierInvoice": 120,
        "purchaseOrder": 120,
        "supplierPayment": 120,
        **dict.fromkeys(LEDGER_KINDS, 3600),
        "project": 300,
        "inventoryItem": 300,
        "warehouse": 300,
        "supplierLocation": 300,
        "purchaseReceipt": 120,
        "customer": 300,
        "customerBalance": 60,
        "customerInvoice": 120,
        "customerPayment": 120,
        "salesOrder": 120,
        "customerClass": 3600,
        "projectTask": 300,
        "contact": 300,
        "creditTerm": 3600,
        "unitOfMeasure": 3600,
        "supplierDocument": 120,
        "customerDocument": 120,
    }
    assert INVALIDATES["supplierInvoice"] == (
        "supplierInvoice",
        "supplierBalance",
        "supplierDocument",
    )
    assert INVALIDATES["customer"] == ("customer", "customerBalance")
    assert INVALIDATES["customerInvoice"] == (
        "customerInvoice",
        "customerBalance",
        "customerDocument",
    )
    assert INVALIDATES["salesOrder"] == ("salesOrder", "customerBalance")
    assert "supplierPayment" not in INVALIDATES  # Visma announces no payment changes
    for resource in RESOURCES:
        for event in resource.events:
            change = read_change({"eventType": f"{event} changed", "id": "1"}, "t")
            assert change is not None and change.entity == resource.kind
