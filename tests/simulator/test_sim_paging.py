"""Paging of list endpoints: pageNumber/pageSize, metadata, clamping, errors."""

from __future__ import annotations

import httpx
import pytest

from gateway.simulator import COMPANY_A_TENANT, Simulator, SimulatorConfig, demo_token


async def _all_pages(client: httpx.AsyncClient, path: str, size: int) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    number = 1
    while True:
        response = await client.get(path, params={"pageNumber": number, "pageSize": size})
        assert response.status_code == 200
        page = response.json()
        items.extend(page)
        if len(page) < size:
            return items
        number += 1


async def test_pages_return_every_supplier_exactly_once(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    expected = [s["number"] for s in sim.company(COMPANY_A_TENANT).suppliers]

    items = await _all_pages(client_a, "/v1/supplier", 37)

    assert [item["number"] for item in items] == expected
    assert {"totalCount": len(expected), "maxPageSize": 1000} == items[0]["metadata"]
    assert all(item["metadata"] == items[0]["metadata"] for item in items)


async def test_pages_cover_all_invoices_in_reference_order(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    expected = [i["referenceNumber"] for i in sim.company(COMPANY_A_TENANT).invoices]

    items = await _all_pages(client_a, "/v1/supplierInvoice", 1000)

    assert [item["referenceNumber"] for item in items] == expected
    assert expected == sorted(expected)
    assert items[-1]["metadata"] == {"totalCount": len(expected), "maxPageSize": 1000}


async def test_metadata_total_is_the_filtered_total(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    open_count = sum(1 for i in sim.company(COMPANY_A_TENANT).invoices if i["status"] == "Open")

    response = await client_a.get("/v1/supplierInvoice", params={"status": "Open", "pageSize": 10})

    page = response.json()
    assert len(page) == 10
    assert all(item["metadata"]["totalCount"] == open_count for item in page)


async def test_defaults_are_first_page_of_maximum_size(client_a: httpx.AsyncClient) -> None:
    response = await client_a.get("/v1/supplierInvoice")

    page = response.json()
    assert len(page) == 1000
    assert page[0]["referenceNumber"] == "100001"


async def test_oversized_page_size_is_clamped(client_a: httpx.AsyncClient) -> None:
    response = await client_a.get("/v1/supplierInvoice", params={"pageSize": 5000})

    assert response.status_code == 200
    assert len(response.json()) == 1000


async def test_max_page_size_can_be_set_per_resource() -> None:
    sim = Simulator(SimulatorConfig(max_page_sizes={"supplierInvoice": 250}))
    headers = {"Authorization": f"Bearer {demo_token(COMPANY_A_TENANT)}"}
    transport = httpx.ASGITransport(app=sim.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://sim", headers=headers) as c:
        invoices = (await c.get("/v1/supplierInvoice", params={"pageSize": 900})).json()
        suppliers = (await c.get("/v1/supplier", params={"pageSize": 900})).json()

    assert len(invoices) == 250
    assert invoices[0]["metadata"]["maxPageSize"] == 250
    assert suppliers[0]["metadata"]["maxPageSize"] == 1000


async def test_page_past_the_end_is_empty(client_a: httpx.AsyncClient) -> None:
    response = await client_a.get("/v1/supplier", params={"pageNumber": 99, "pageSize": 100})

    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize(
    "params",
    [
        {"pageNumber": "0"},
        {"pageNumber": "-1"},
        {"pageNumber": "one"},
        {"pageSize": "0"},
        {"pageSize": "2.5"},
        {"pageSize": "99999999999"},
    ],
)
async def test_invalid_paging_is_a_bad_request(
    client_a: httpx.AsyncClient, params: dict[str, str]
) -> None:
    response = await client_a.get("/v1/supplier", params=params)

    assert response.status_code == 400
    assert response.json()["message"].startswith("VismaId: ")


async def test_omitted_metadata_for_configured_resources(token_a: str) -> None:
    sim = Simulator(SimulatorConfig(omit_metadata=frozenset({"supplierPayment"})))
    headers = {"Authorization": f"Bearer {token_a}"}
    transport = httpx.ASGITransport(app=sim.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://sim", headers=headers) as c:
        payments = (await c.get("/v1/supplierPayment", params={"pageSize": 5})).json()
        orders = (await c.get("/v1/purchaseorder", params={"pageSize": 5})).json()

    assert len(payments) == 5
    assert all("metadata" not in payment for payment in payments)
    assert all("metadata" in order for order in orders)


async def test_single_resources_carry_no_metadata(client_a: httpx.AsyncClient) -> None:
    response = await client_a.get("/v1/supplier/10001")

    assert response.status_code == 200
    assert "metadata" not in response.json()
