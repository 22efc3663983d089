"""The Mesh side of ``bench.peers``: the spec Mesh reads and the comparison of answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from bench import mesh
from bench.q1 import Q1
from gateway.simulator import COMPANY_A_TENANT, demo_token
from tests.conftest import Gateway


def test_trimmed_spec_holds_q1s_operations_and_every_schema_they_reach(tmp_path: Path) -> None:
    target = tmp_path / "spec.json"

    mesh.write_spec(target)

    spec = json.loads(target.read_text())
    assert set(spec["paths"]) == set(mesh.Q1_PATHS)
    schemas = spec["components"]["schemas"]
    for path, item in spec["paths"].items():
        assert list(item) == ["get"], path
        operation = item["get"]
        assert list(operation["responses"]) == ["200"], path
        names = {parameter["name"] for parameter in operation["parameters"]}
        assert {"pageNumber", "pageSize"} <= names, path
        assert "erp-api-background" not in names, path
    refs = [ref for ref in _refs(spec) if ref.startswith("#/components/schemas/")]
    assert refs
    assert {ref.removeprefix("#/components/schemas/") for ref in refs} == set(schemas)


async def test_gateways_q1_equals_the_rest_data_read_the_way_mesh_reads_it(
    gateway: Gateway,
) -> None:
    ours = mesh.gateway_answer(await gateway.query(Q1))

    transport = httpx.ASGITransport(app=gateway.sim.app)
    headers = {"Authorization": f"Bearer {demo_token(COMPANY_A_TENANT)}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://sim", headers=headers
    ) as sim:
        theirs = mesh.mesh_answer(await _mesh_shaped_q1(sim))

    assert len(ours) == 50
    assert sum(len(supplier[3]) for supplier in ours) > 100
    assert ours == theirs


async def _mesh_shaped_q1(sim: httpx.AsyncClient) -> dict[str, Any]:
    """What Mesh answers to ``mesh.Q1``: the supplier page, and per supplier its lists."""

    async def get(path: str, **params: str | int) -> list[dict[str, Any]]:
        response = await sim.get(path, params={"pageNumber": 1, **params})
        assert response.status_code == 200, response.text
        items: list[dict[str, Any]] = response.json()
        return items

    suppliers = await get("/v1/supplier", pageSize=50)
    for supplier in suppliers:
        number = supplier["number"]
        supplier["invoices"] = await get("/v1/supplierInvoice", supplier=number, pageSize=100)
        supplier["purchaseOrders"] = await get("/v1/purchaseorder", supplier=number, pageSize=100)
        supplier["payments"] = await get("/v1/supplierPayment", supplier=number, pageSize=100)
    return {"data": {"Supplier_GetAll": suppliers}}


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []
