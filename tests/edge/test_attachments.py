"""GET /attachments/{id}: an attachment's file from Visma.net, with the caller's token."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, Simulator
from gateway.simulator.demodata.receipts import attachment_bytes
from tests.conftest import TOKEN_A, TOKEN_B, Gateway

ENUM_OF = {"Invoice": "INVOICE", "CreditAdj": "CREDIT_ADJ", "DebitAdj": "DEBIT_ADJ"}
AUTH_A = {"Authorization": f"Bearer {TOKEN_A}"}


def first_attachment(sim: Simulator) -> tuple[dict[str, Any], bytes]:
    """Company A's first attachment (its metadata as on the invoice) and its file."""
    found = sim.company(COMPANY_A_TENANT).purchasing.attachments
    ident, attachment = next(iter(found.items()))
    [meta] = [a for a in attachment["invoice"]["attachments"] if a["id"] == ident]
    return meta, attachment_bytes(attachment)


def assert_error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == code
    assert "Traceback" not in response.text


async def test_the_file_is_visma_s_bytes_as_a_private_download(gateway: Gateway) -> None:
    meta, expected = first_attachment(gateway.sim)

    response = await gateway.client.get(f"/attachments/{meta['id']}", headers=AUTH_A)

    assert response.status_code == 200
    assert response.content == expected
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == f'attachment; filename="{meta["name"]}"'
    assert response.headers["cache-control"] == "private"
    assert response.headers["x-content-type-options"] == "nosniff"
    [call] = gateway.calls()
    assert (call.method, call.path) == ("GET", f"/v1/attachment/{meta['id']}")
    assert call.authorization == f"Bearer {TOKEN_A}"


async def test_another_company_s_token_finds_nothing(gateway: Gateway) -> None:
    meta, _ = first_attachment(gateway.sim)

    response = await gateway.client.get(
        f"/attachments/{meta['id']}", headers={"Authorization": f"Bearer {TOKEN_B}"}
    )

    assert_error(response, 404, "NOT_FOUND")
    assert [call.authorization for call in gateway.calls()] == [f"Bearer {TOKEN_B}"]


async def test_without_a_token_nothing_is_sent(gateway: Gateway) -> None:
    meta, _ = first_attachment(gateway.sim)

    response = await gateway.client.get(f"/attachments/{meta['id']}")

    assert_error(response, 401, "UNAUTHENTICATED")
    assert "www-authenticate" in response.headers
    assert gateway.calls() == []


@pytest.mark.parametrize(
    "raw",
    [
        "/attachments/..%2Fsupplier",
        "/attachments/%2E%2E%2Fx",
        "/attachments/x%2F..%2F..%2Fsupplier",
        "/attachments/a%3Fb",
        "/attachments/" + "a" * 65,
        "/attachments/-leading-dash",
    ],
)
async def test_what_is_no_attachment_id_is_refused_without_a_call(
    gateway: Gateway, raw: str
) -> None:
    response = await gateway.client.get(raw, headers=AUTH_A)

    assert_error(response, 400, "BAD_REQUEST")
    assert gateway.calls() == []


class TestAFileAboveTheUpstreamBound:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings(max_upstream_bytes=200)

    async def test_is_refused(self, gateway: Gateway) -> None:
        meta, expected = first_attachment(gateway.sim)
        assert len(expected) > 200

        response = await gateway.client.get(f"/attachments/{meta['id']}", headers=AUTH_A)

        assert_error(response, 502, "UPSTREAM_ERROR")
        assert "200 bytes" in response.json()["errors"][0]["message"]
        assert len(gateway.calls()) == 1  # not retried


async def test_download_url_from_a_query_fetches_the_file(gateway: Gateway) -> None:
    meta, expected = first_attachment(gateway.sim)
    invoice = gateway.sim.company(COMPANY_A_TENANT).purchasing.attachments[meta["id"]]["invoice"]
    result = await gateway.query(
        """query ($type: SupplierInvoiceType!, $number: String!) {
          supplierInvoice(documentType: $type, number: $number) {
            attachments { id name downloadUrl }
          }
        }""",
        variables={"type": ENUM_OF[invoice["documentType"]], "number": invoice["referenceNumber"]},
    )
    [listed] = result["data"]["supplierInvoice"]["attachments"]
    assert listed["downloadUrl"] == f"/attachments/{meta['id']}"

    response = await gateway.client.get(listed["downloadUrl"], headers=AUTH_A)

    assert response.status_code == 200
    assert response.content == expected
