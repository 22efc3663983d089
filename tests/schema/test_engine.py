"""Resources the engine exposes from their declarations alone, end to end against the
simulator: root connection, lookup by key, global ids that read the record again."""

from __future__ import annotations

import re
from decimal import Decimal

from gateway.resources.registry import RESOURCES
from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway


async def test_a_declared_resource_has_a_connection_a_lookup_and_node_ids(
    gateway: Gateway,
) -> None:
    balances = gateway.sim.company(COMPANY_A_TENANT).supplier_balances
    expected = balances[1]
    number = expected["supplier"]["number"]

    listed = await gateway.query(
        "{ supplierBalances(first: 2, after: null) { totalCount nodes { id vismaId balance } } }"
    )
    one = await gateway.query(
        "query($n: String!) { supplierBalance(supplier: $n) { id vismaId balance "
        "supplier { number name } } }",
        variables={"n": number},
    )

    page = listed["data"]["supplierBalances"]
    assert page["totalCount"] == len(balances)
    assert [n["vismaId"] for n in page["nodes"]] == [b["supplier"]["number"] for b in balances[:2]]
    record = one["data"]["supplierBalance"]
    assert record["vismaId"] == number
    assert Decimal(record["balance"]) == Decimal(str(expected["balance"]))
    assert record["supplier"] == {"number": number, "name": expected["supplier"]["name"]}
    assert record["id"] == page["nodes"][1]["id"]

    again = await gateway.query(
        "query($id: ID!) { node(id: $id) { id ... on SupplierBalance { vismaId balance } } "
        "nodes(ids: [$id, $id]) { id } }",
        variables={"id": record["id"]},
    )
    assert again["data"]["node"] == {
        "id": record["id"],
        "vismaId": number,
        "balance": record["balance"],
    }
    assert again["data"]["nodes"] == [{"id": record["id"]}, {"id": record["id"]}]


async def test_an_id_the_gateway_did_not_write_is_a_coded_error(gateway: Gateway) -> None:
    result = await gateway.query('{ node(id: "bm9wZQ") { id } }')

    assert result["data"] == {"node": None}
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_node_reads_a_record_of_every_record_type_again(gateway: Gateway) -> None:
    lists = " ".join(f"{r.plural}(first: 1) {{ nodes {{ id vismaId }} }}" for r in RESOURCES)
    listed = await gateway.query(f"{{ {lists} }}")
    records = {name: page["nodes"][0] for name, page in listed["data"].items()}
    assert len(records) == len(RESOURCES)

    ids = [record["id"] for record in records.values()]
    fragments = " ".join(f"... on {r.name} {{ vismaId }}" for r in RESOURCES)
    again = await gateway.query(
        f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ __typename id {fragments} }} }}",
        variables={"ids": ids},
    )

    assert "errors" not in again
    nodes = again["data"]["nodes"]
    assert [n["id"] for n in nodes] == ids
    assert [n["vismaId"] for n in nodes] == [r["vismaId"] for r in records.values()]
    assert {n["__typename"] for n in nodes} == {r.name for r in RESOURCES}


async def test_a_reference_is_an_edge_free_while_only_inline_fields_are_selected(
    gateway: Gateway,
) -> None:
    expected = gateway.sim.company(COMPANY_A_TENANT).supplier_balances[0]
    number = expected["supplier"]["number"]
    query = "query($n: String!) { supplierBalance(supplier: $n) { supplier { %s } } }"

    inline = await gateway.query(query % "id number name", variables={"n": number})
    inline_paths = [call.path for call in gateway.calls()]
    full = await gateway.query(query % "number status", variables={"n": number})
    paths = [call.path for call in gateway.calls()][len(inline_paths) :]

    assert inline["data"]["supplierBalance"]["supplier"]["name"] == expected["supplier"]["name"]
    assert inline_paths == [f"/v1/supplier/{number}/balance"]
    assert inline["extensions"]["upstream"]["estimatedCalls"] == 1
    suppliers = gateway.sim.company(COMPANY_A_TENANT).suppliers
    supplier = next(s for s in suppliers if s["number"] == number)
    status = re.sub(r"(?<!^)(?=[A-Z])", "_", supplier["status"]).upper()
    assert full["data"]["supplierBalance"]["supplier"]["status"] == status
    assert f"/v1/supplier/{number}" in paths
    assert full["extensions"]["upstream"]["estimatedCalls"] == 2
