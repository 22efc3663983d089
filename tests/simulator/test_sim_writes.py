"""Writes as Visma answers them: 201 + Location, 204 + ETag, If-Match/412, validation, scopes."""

from __future__ import annotations

import httpx

from gateway.simulator import COMPANY_A_TENANT, Simulator, demo_token

NEW_SUPPLIER = {
    "name": {"value": "Nordlys Elektro AS"},
    "supplierClassId": {"value": "INNL"},
    "mainAddress": {
        "value": {
            "addressLine1": {"value": "Storgata 1"},
            "postalCode": {"value": "0155"},
            "city": {"value": "Oslo"},
            "countryId": {"value": "NO"},
        }
    },
}


async def test_create_answers_201_with_location_and_numbers_the_record(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    response = await client_a.post("/v1/supplier", json=NEW_SUPPLIER)

    assert response.status_code == 201
    assert response.content == b""
    assert response.headers["location"] == "http://sim/v1/supplier/10263"
    read = await client_a.get("/v1/supplier/10263")
    assert read.status_code == 200
    supplier = read.json()
    assert supplier["name"] == "Nordlys Elektro AS"
    assert supplier["supplierClass"]["id"] == "INNL"
    assert supplier["mainAddress"]["city"] == "Oslo"
    assert supplier["mainAddress"]["country"] == {"id": "NO", "name": "Norge"}
    assert read.headers["etag"] == supplier["timeStamp"] == response.headers["etag"]
    listed = await client_a.get("/v1/supplier", params={"pageSize": "1000"})
    numbers = [s["number"] for s in listed.json()]
    assert numbers[-2:] == ["10263", "IMP/2024"]
    assert sim.calls[0].body == NEW_SUPPLIER


async def test_writes_stay_in_their_simulator_instance(client_a: httpx.AsyncClient) -> None:
    await client_a.post("/v1/supplier", json=NEW_SUPPLIER)
    other = Simulator()
    transport = httpx.ASGITransport(app=other.app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://sim", headers=client_a.headers
    ) as client:
        assert (await client.get("/v1/supplier/10263")).status_code == 404


async def test_update_answers_204_with_new_etag_and_if_match_guards(
    client_a: httpx.AsyncClient,
) -> None:
    before = (await client_a.get("/v1/supplier/10015")).json()
    stale = before["timeStamp"]
    response = await client_a.put(
        "/v1/supplier/10015",
        json={"name": {"value": "Jæren Betong AS"}, "corporateId": {"value": None}},
        headers={"If-Match": stale},
    )
    assert response.status_code == 204
    after = (await client_a.get("/v1/supplier/10015")).json()
    assert after["name"] == "Jæren Betong AS"
    assert after["corporateId"] is None
    assert after["timeStamp"] == response.headers["etag"] != stale
    assert after["lastModifiedDateTime"] != before["lastModifiedDateTime"]

    again = await client_a.put(
        "/v1/supplier/10015", json={"name": {"value": "X"}}, headers={"If-Match": stale}
    )
    assert again.status_code == 412
    assert (await client_a.get("/v1/supplier/10015")).json()["name"] == "Jæren Betong AS"


async def test_validation_errors_name_the_field(client_a: httpx.AsyncClient) -> None:
    empty = await client_a.post("/v1/supplier", json={"name": {"value": ""}})
    assert empty.status_code == 400
    assert "Error: 'Name' cannot be empty." in empty.json()["message"]
    assert empty.json()["message"].startswith("VismaId: ")
    unknown = await client_a.post(
        "/v1/supplier", json={"name": {"value": "A"}, "supplierClassId": {"value": "NOPE"}}
    )
    assert unknown.status_code == 400
    assert "'SupplierClassId' cannot be found in the system" in unknown.json()["message"]
    unwrapped = await client_a.post("/v1/supplier", json={"name": "A"})
    assert unwrapped.status_code == 400


async def test_writes_need_the_create_or_update_scope(sim: Simulator) -> None:
    token = demo_token(COMPANY_A_TENANT, scopes=["vismanet_erp_interactive_api:read"])
    transport = httpx.ASGITransport(app=sim.app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://sim", headers={"Authorization": f"Bearer {token}"}
    ) as client:
        assert (await client.post("/v1/supplier", json=NEW_SUPPLIER)).status_code == 403
        put = await client.put("/v1/supplier/10015", json={"name": {"value": "X"}})
        assert put.status_code == 403
        assert (await client.get("/v1/supplier/10015")).json()["name"] != "X"
        assert (await client.get("/v1/supplier/10263")).status_code == 404


async def test_location_origin_can_be_overridden(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    sim.config.location_origin = "https://elsewhere.example"
    response = await client_a.post("/v1/supplier", json=NEW_SUPPLIER)
    assert response.headers["location"] == "https://elsewhere.example/v1/supplier/10263"
