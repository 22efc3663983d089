"""The purchasing resources added by declaration alone (projects, inventory items, warehouses,
supplier locations, purchase receipts), end to end against the simulator: the root
connection, the lookup by key, an unknown key, ``node(id:)``, and the calls Visma sees."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from gateway.simulator import COMPANY_A_TENANT
from gateway.simulator.demodata import CompanyData
from tests.conftest import Gateway

Record = dict[str, Any]


@dataclass(frozen=True)
class Case:
    """One declared resource: its root fields, its records in the demo data, how a record's
    key reads and which plain field the test compares."""

    plural: str
    singular: str
    type_name: str
    records: Callable[[CompanyData], list[Record]]
    names: tuple[str, ...]
    """The lookup's key arguments, read from a record by ``key``."""
    key: Callable[[Record], tuple[str, ...]]
    record_path: str
    field: str

    def variables(self, record: Record) -> dict[str, str]:
        return dict(zip(self.names, self.key(record), strict=True))

    def visma_id(self, record: Record) -> str:
        return "/".join(self.key(record))

    def lookup(self, selection: str) -> str:
        """The lookup query, its key arguments as variables."""
        arguments = ", ".join(f"{name}: ${name}" for name in self.names)
        variables = ", ".join(f"${name}: String!" for name in self.names)
        return f"query({variables}) {{ {self.singular}({arguments}) {{ {selection} }} }}"


CASES = (
    Case(
        "projects",
        "project",
        "Project",
        lambda data: data.purchasing.projects,
        ("projectID",),
        lambda r: (r["projectID"],),
        "/v1/project/{}",
        "description",
    ),
    Case(
        "inventoryItems",
        "inventoryItem",
        "InventoryItem",
        lambda data: data.purchasing.inventory,
        ("inventoryNumber",),
        lambda r: (r["inventoryNumber"],),
        "/v1/inventory/{}",
        "description",
    ),
    Case(
        "warehouses",
        "warehouse",
        "Warehouse",
        lambda data: data.purchasing.warehouses,
        ("warehouseID",),
        lambda r: (r["warehouseID"],),
        "/v1/warehouse/{}",
        "description",
    ),
    Case(
        "supplierLocations",
        "supplierLocation",
        "SupplierLocation",
        lambda data: data.purchasing.locations,
        ("baccount", "locationId"),
        lambda r: (r["baccount"]["number"], r["locationId"]),
        "/v1/supplierlocation/{}/{}",
        "locationName",
    ),
    Case(
        "purchaseReceipts",
        "purchaseReceipt",
        "PurchaseReceipt",
        lambda data: data.purchasing.receipts,
        ("receiptNbr",),
        lambda r: (r["receiptNbr"],),
        "/v1/PurchaseReceipt/{}",
        "postPeriod",
    ),
)
cases = pytest.mark.parametrize("case", CASES, ids=lambda c: c.plural)


def _records(gateway: Gateway, case: Case) -> list[Record]:
    return case.records(gateway.sim.company(COMPANY_A_TENANT))


@cases
async def test_the_root_connection_lists_the_simulators_records(
    gateway: Gateway, case: Case
) -> None:
    records = _records(gateway, case)

    result = await gateway.query(
        f"{{ {case.plural}(first: 2) {{ totalCount nodes {{ vismaId {case.field} }} }} }}"
    )

    assert "errors" not in result
    page = result["data"][case.plural]
    assert len(records) > 2
    assert page["totalCount"] == len(records)
    assert page["nodes"] == [
        {"vismaId": case.visma_id(r), case.field: r[case.field]} for r in records[:2]
    ]


@cases
async def test_a_lookup_reads_one_record_in_one_call_then_from_the_cache(
    gateway: Gateway, case: Case
) -> None:
    record = _records(gateway, case)[1]
    key = case.variables(record)
    query = case.lookup(f"__typename vismaId {case.field}")

    cold = await gateway.query(query, variables=key)
    cold_paths = [call.path for call in gateway.calls()]
    warm = await gateway.query(query, variables=key)

    expected = {"__typename": case.type_name, "vismaId": case.visma_id(record)}
    assert cold["data"][case.singular] == {**expected, case.field: record[case.field]}
    assert warm["data"] == cold["data"]
    assert cold_paths == [case.record_path.format(*key.values())]
    assert cold["extensions"]["upstream"]["estimatedCalls"] == len(cold_paths)
    assert len(gateway.calls()) == len(cold_paths)  # warm: no call


@cases
async def test_an_unknown_key_is_null(gateway: Gateway, case: Case) -> None:
    key = dict.fromkeys(case.names, "NOPE-404")

    result = await gateway.query(case.lookup("vismaId"), variables=key)

    assert "errors" not in result
    assert result["data"] == {case.singular: None}


@cases
async def test_node_reads_the_record_again_by_its_id(gateway: Gateway, case: Case) -> None:
    record = _records(gateway, case)[2]
    key = case.variables(record)
    found = await gateway.query(case.lookup("id"), variables=key)
    record_id = found["data"][case.singular]["id"]

    again = await gateway.query(
        f"query($id: ID!) {{ node(id: $id) {{ id ... on {case.type_name} "
        f"{{ vismaId {case.field} }} }} }}",
        variables={"id": record_id},
    )

    assert again["data"]["node"] == {
        "id": record_id,
        "vismaId": case.visma_id(record),
        case.field: record[case.field],
    }


async def test_a_receipts_supplier_is_answered_inline(gateway: Gateway) -> None:
    receipt = gateway.sim.company(COMPANY_A_TENANT).purchasing.receipts[0]

    result = await gateway.query(
        "query($n: String!) { purchaseReceipt(receiptNbr: $n) { supplier { number name } } }",
        variables={"n": receipt["receiptNbr"]},
    )

    supplier = receipt["supplier"]
    assert result["data"]["purchaseReceipt"]["supplier"] == {
        "number": supplier["number"],
        "name": supplier["name"],
    }
    assert [call.path for call in gateway.calls()] == [
        f"/v1/PurchaseReceipt/{receipt['receiptNbr']}"
    ]
