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
    assert read.headers["etag"] == f'"{supplier["timeStamp"]}"' == response.headers["etag"]
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
        headers={"If-Match": f'"{stale}"'},
    )
    assert response.status_code == 204
    after = (await client_a.get("/v1/supplier/10015")).json()
    assert after["name"] == "Jæren Betong AS"
    assert after["corporateId"] is None
    assert f'"{after["timeStamp"]}"' == response.headers["etag"] != f'"{stale}"'
    assert after["lastModifiedDateTime"] != before["lastModifiedDateTime"]

    again = await client_a.put(
        "/v1/supplier/10015", json={"name": {"value": "X"}}, headers={"If-Match": f'"{stale}"'}
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


NEW_INVOICE = {
    "supplierNumber": {"value": "10015"},
    "supplierReference": {"value": "INV-7788"},
    "date": {"value": "2026-03-02"},
    "invoiceLines": [
        {
            "operation": "Insert",
            "inventoryNumber": {"value": "SKRUE-GIPS"},
            "quantity": {"value": 10},
            "unitCostInCurrency": {"value": 196.5},
        }
    ],
}


async def test_invoice_create_update_and_release_move_the_supplier_balance(
    client_a: httpx.AsyncClient,
) -> None:
    balance_before = (await client_a.get("/v1/supplier/10015/balance")).json()["balance"]
    created = await client_a.post("/v1/supplierInvoice", json=NEW_INVOICE)
    assert created.status_code == 201
    assert created.headers["location"] == "http://sim/v1/supplierInvoice/106001"
    invoice = (await client_a.get("/v1/supplierInvoice/Invoice/106001")).json()
    assert (invoice["status"], invoice["amount"], invoice["date"]) == (
        "Balanced",
        1965.0,
        "2026-03-02T00:00:00",
    )
    nested = await client_a.get("/v1/supplier/10015/invoice", params={"pageSize": "1000"})
    assert nested.json()[-1]["referenceNumber"] == "106001"

    changed = await client_a.put(
        "/v1/supplierInvoice/Invoice/106001",
        json={
            "invoiceLines": [
                {"operation": "Update", "lineNumber": {"value": 1}, "quantity": {"value": 20}}
            ]
        },
        headers={"If-Match": f'"{invoice["timeStamp"]}"'},
    )
    assert changed.status_code == 204
    released = await client_a.post("/v1/supplierInvoice/Invoice/106001/action/release")
    assert released.status_code == 200
    assert released.json()["actionResult"] == "Done"
    after = (await client_a.get("/v1/supplierInvoice/Invoice/106001")).json()
    assert (after["status"], after["amount"]) == ("Open", 3930.0)
    balance_after = (await client_a.get("/v1/supplier/10015/balance")).json()["balance"]
    assert round(balance_after - balance_before, 2) == 3930.0
    again = await client_a.post("/v1/supplierInvoice/Invoice/106001/action/release")
    assert again.status_code == 400


async def test_invoice_for_an_unknown_supplier_names_the_field(
    client_a: httpx.AsyncClient,
) -> None:
    response = await client_a.post(
        "/v1/supplierInvoice", json={**NEW_INVOICE, "supplierNumber": {"value": "NOPE"}}
    )
    assert response.status_code == 400
    assert "'SupplierNumber' cannot be found in the system" in response.json()["message"]


async def test_order_create_numbers_it_and_update_changes_lines(
    client_a: httpx.AsyncClient,
) -> None:
    created = await client_a.post(
        "/v1/purchaseorder",
        json={
            "orderType": {"value": "RegularOrder"},
            "supplier": {"value": "10015"},
            "lines": [
                {
                    "operation": "Insert",
                    "inventory": {"value": "TRE-48198"},
                    "orderQty": {"value": 100},
                    "unitCost": {"value": 61.5},
                }
            ],
        },
    )
    assert created.headers["location"] == "http://sim/v1/purchaseorder/PO000451"
    order = (await client_a.get("/v1/purchaseorder/PO000451")).json()
    assert (order["status"], order["orderTotal"], order["lines"][0]["lineNbr"]) == (
        "Open",
        6150.0,
        1,
    )
    changed = await client_a.put(
        "/v1/purchaseorder/PO000451",
        json={"lines": [{"operation": "Delete", "lineNumber": {"value": 1}}]},
    )
    assert changed.status_code == 204
    assert (await client_a.get("/v1/purchaseorder/PO000451")).json()["orderTotal"] == 0.0


async def test_payment_release_closes_it_and_pays_the_invoice(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    invoice = next(
        i
        for i in sim.company(COMPANY_A_TENANT).invoices
        if i["status"] == "Open" and i["documentType"] == "Invoice"
    )
    supplier = invoice["supplier"]["number"]
    created = await client_a.post(
        "/v1/supplierPayment",
        json={
            "type": {"value": "Payment"},
            "supplier": {"value": supplier},
            "paymentLines": [
                {
                    "operation": "Insert",
                    "documentType": {"value": "Invoice"},
                    "refNbr": {"value": invoice["referenceNumber"]},
                }
            ],
        },
    )
    assert created.headers["location"] == "http://sim/v1/supplierPayment/300381"
    payment = (await client_a.get("/v1/supplierPayment/300381")).json()
    assert (payment["status"], payment["paymentAmount"]) == ("Balanced", invoice["balance"])
    released = await client_a.post(
        "/v1/supplierPayment/300381/action/release", json={"type": {"value": "Payment"}}
    )
    assert released.status_code == 200
    payment = (await client_a.get("/v1/supplierPayment/300381")).json()
    assert (payment["status"], payment["released"]) == ("Closed", True)
    paid = (await client_a.get(f"/v1/supplierInvoice/Invoice/{invoice['referenceNumber']}")).json()
    assert (paid["status"], paid["balance"]) == ("Closed", 0.0)


async def test_if_match_takes_quoted_entity_tags_only(client_a: httpx.AsyncClient) -> None:
    current = (await client_a.get("/v1/supplier/10015")).json()["timeStamp"]

    bare = await client_a.put(
        "/v1/supplier/10015", json={"note": {"value": "a"}}, headers={"If-Match": current}
    )
    listed = await client_a.put(
        "/v1/supplier/10015",
        json={"note": {"value": "b"}},
        headers={"If-Match": f'"old", "{current}"'},
    )
    anything = await client_a.put(
        "/v1/supplier/10015", json={"note": {"value": "c"}}, headers={"If-Match": "*"}
    )

    assert [bare.status_code, listed.status_code, anything.status_code] == [412, 204, 204]


async def test_a_create_ignores_if_match(client_a: httpx.AsyncClient) -> None:
    response = await client_a.post("/v1/supplier", json=NEW_SUPPLIER, headers={"If-Match": '"x"'})

    assert response.status_code == 201


async def test_locations_take_the_configured_shapes_in_turn(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    sim.config.location_shapes = ("relative", "trailing-slash", "casing", "query", "omit")

    answers = [await client_a.post("/v1/supplier", json=NEW_SUPPLIER) for _ in range(5)]

    assert [a.status_code for a in answers] == [201] * 5
    assert [a.headers.get("location") for a in answers] == [
        "/v1/supplier/10263",
        "http://sim/v1/supplier/10264/",
        "http://sim/v1/SUPPLIER/10265",
        "http://sim/v1/supplier/10266?expand=true",
        None,
    ]
