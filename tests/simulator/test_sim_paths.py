"""Path handling: case-insensitive fixed segments, percent-decoding, b64(...) values, 404/405."""

from __future__ import annotations

import base64

import httpx
import pytest

from gateway.simulator import COMPANY_A_TENANT, Simulator

NO_RESOURCE = {"message": "No HTTP resource was found that matches the request URI."}


def b64(value: str) -> str:
    return base64.urlsafe_b64encode(value.encode()).decode()


@pytest.mark.parametrize(
    "path", ["/V1/SupplierInvoice", "/v1/SUPPLIERINVOICE", "/v1/supplierinvoice"]
)
async def test_fixed_segments_match_case_insensitively(
    client_a: httpx.AsyncClient, path: str
) -> None:
    response = await client_a.get(path, params={"pageSize": 3})

    assert response.status_code == 200
    assert len(response.json()) == 3


async def test_parameter_segments_keep_their_case(client_a: httpx.AsyncClient) -> None:
    exact = await client_a.get("/V1/Supplier/IMP%2F2024")
    lowered = await client_a.get("/v1/supplier/imp%2F2024")

    assert exact.status_code == 200
    assert lowered.status_code == 404


async def test_b64_segment_names_a_supplier_with_a_slash(client_a: httpx.AsyncClient) -> None:
    padded = await client_a.get("/v1/supplier/b64(SU1QLzIwMjQ=)")
    unpadded = await client_a.get(f"/v1/supplier/b64({b64('IMP/2024').rstrip('=')})")

    assert padded.status_code == 200
    assert padded.json()["number"] == "IMP/2024"
    assert unpadded.json()["number"] == "IMP/2024"


async def test_encoded_slash_stays_inside_its_segment(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    response = await client_a.get("/v1/supplier/IMP%2F2024/invoice")

    assert response.status_code == 200
    assert response.json()
    assert {i["supplier"]["number"] for i in response.json()} == {"IMP/2024"}
    assert sim.calls[-1].raw_path == "/v1/supplier/IMP%2F2024/invoice"
    assert sim.calls[-1].path == "/v1/supplier/IMP/2024/invoice"


async def test_b64_works_for_every_parameter_position(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    first = sim.company(COMPANY_A_TENANT).invoices[0]
    kind, number = b64(first["documentType"]), b64(first["referenceNumber"])

    balance = await client_a.get(f"/v1/supplier/b64({b64('IMP/2024')})/balance")
    invoice = await client_a.get(f"/v1/supplierInvoice/b64({kind})/b64({number})")

    assert balance.json()["supplier"]["number"] == "IMP/2024"
    assert invoice.json()["referenceNumber"] == first["referenceNumber"]


async def test_invalid_b64_is_a_bad_request(client_a: httpx.AsyncClient) -> None:
    response = await client_a.get("/v1/supplier/b64(***)")

    assert response.status_code == 400
    assert "base64url" in response.json()["message"]


async def test_b64_of_a_path_traversal_is_just_an_unknown_supplier(
    client_a: httpx.AsyncClient,
) -> None:
    response = await client_a.get(f"/v1/supplier/b64({b64('../customer')})")

    assert response.status_code == 404
    assert response.json()["message"].endswith("Supplier '../customer' was not found.")


@pytest.mark.parametrize(
    "path",
    [
        "/v1/customers",
        "/v1/supplier/10001/contacts",
        "/v1/supplierInvoice/Invoice/100001/extra",
        "/v1/supplier//invoice",
        "/v2/supplier",
    ],
)
async def test_unknown_paths_are_404(client_a: httpx.AsyncClient, path: str) -> None:
    response = await client_a.get(path)

    assert response.status_code == 404
    assert response.json() == NO_RESOURCE


# PUT is the supplier update (see test_sim_writes); an empty PUT is a 400 there.
@pytest.mark.parametrize("method", ["POST", "DELETE", "PATCH"])
async def test_other_methods_are_405(client_a: httpx.AsyncClient, method: str) -> None:
    response = await client_a.request(method, "/v1/supplier/10001")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert method in response.json()["message"]


async def test_a_trailing_slash_is_tolerated(client_a: httpx.AsyncClient) -> None:
    response = await client_a.get("/v1/supplier/10001/")

    assert response.json()["number"] == "10001"
