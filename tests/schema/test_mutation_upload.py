"""uploadSupplierInvoiceAttachment: a GraphQL multipart request forwarded to Visma as multipart."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import TOKEN_A, Gateway

AUTH_A = {"Authorization": f"Bearer {TOKEN_A}"}
UPLOAD = """mutation ($number: String!, $file: Upload!) {
  uploadSupplierInvoiceAttachment(documentType: INVOICE, referenceNumber: $number, file: $file) {
    supplierInvoice { referenceNumber attachments { name revision downloadUrl } }
    version
    userErrors { message code }
  }
}"""


def an_invoice(gateway: Gateway) -> str:
    invoices = gateway.sim.company(COMPANY_A_TENANT).invoices
    number: str = next(i for i in invoices if i["documentType"] == "Invoice")["referenceNumber"]
    return number


async def upload(
    gateway: Gateway, number: str, name: str, content: bytes, media: str, *, query: str = UPLOAD
) -> httpx.Response:
    operations = {"query": query, "variables": {"number": number, "file": None}}
    return await gateway.client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (name, content, media)},
        headers=AUTH_A,
    )


async def test_the_file_reaches_visma_byte_for_byte_and_is_listed(gateway: Gateway) -> None:
    number = an_invoice(gateway)
    content = bytes(range(256)) * 8 + b"\r\n--not-a-boundary--\r\n"

    response = await upload(gateway, number, "scan 1.bin", content, "application/octet-stream")

    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    assert "errors" not in result, result
    payload = result["data"]["uploadSupplierInvoiceAttachment"]
    assert payload["userErrors"] == [] and payload["version"]
    added = payload["supplierInvoice"]["attachments"][-1]
    assert (added["name"], added["revision"]) == ("scan 1.bin", 1)
    [sent] = [call for call in gateway.calls() if call.method == "POST"]
    assert sent.path == f"/v1/supplierInvoice/documentType/Invoice/{number}/attachment"
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert sent.authorization == f"Bearer {TOKEN_A}"
    assert sent.body["file"]["fileName"] == "scan 1.bin"
    assert base64.b64decode(sent.body["file"]["base64"]) == content

    download = await gateway.client.get(added["downloadUrl"], headers=AUTH_A)

    assert download.status_code == 200
    assert download.content == content


async def test_a_file_spooled_to_disk_is_sent_whole_with_its_length_ahead(
    gateway: Gateway,
) -> None:
    number = an_invoice(gateway)
    # Past the megabyte Starlette keeps in memory, and many pieces long.
    content = bytes(range(251)) * 12_000

    response = await upload(gateway, number, "big.pdf", content, "application/pdf")

    assert "errors" not in response.json(), response.text
    [sent] = [call for call in gateway.calls() if call.method == "POST"]
    assert base64.b64decode(sent.body["file"]["base64"]) == content
    # The length is known before the first piece: no chunked transfer for Visma to refuse.
    assert "transfer-encoding" not in sent.headers
    assert int(sent.headers["content-length"]) > len(content)


async def test_an_idempotency_key_sends_one_file_once(gateway: Gateway) -> None:
    number = an_invoice(gateway)
    keyed = UPLOAD.replace("file: $file)", 'file: $file, idempotencyKey: "scan-1")')

    answers = [
        await upload(gateway, number, "a.txt", b"once", "text/plain", query=keyed) for _ in range(2)
    ]
    other = await upload(gateway, number, "a.txt", b"other", "text/plain", query=keyed)

    first, again = (answer.json()["data"] for answer in answers)
    assert first == again
    assert len([call for call in gateway.calls() if call.method == "POST"]) == 1
    refused = other.json()["data"]["uploadSupplierInvoiceAttachment"]
    assert [error["code"] for error in refused["userErrors"]] == ["BAD_USER_INPUT"]


async def test_an_unknown_invoice_is_a_user_error(gateway: Gateway) -> None:
    response = await upload(gateway, "NO-SUCH", "a.txt", b"hello", "text/plain")

    payload = response.json()["data"]["uploadSupplierInvoiceAttachment"]
    assert payload["supplierInvoice"] is None
    assert [error["code"] for error in payload["userErrors"]] == ["NOT_FOUND"]


class TestAnOversizeUpload:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings(max_upload_bytes=4096)

    async def test_is_refused_with_nothing_sent(self, gateway: Gateway) -> None:
        response = await upload(gateway, an_invoice(gateway), "big.bin", b"x" * 8192, "text/plain")

        assert response.status_code == 413
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
        assert gateway.calls() == []


@pytest.mark.parametrize(
    ("mutation", "key", "record", "path"),
    [
        (
            "uploadCustomerInvoiceAttachment",
            "referenceNumber",
            "customerInvoice",
            "/v1/customerinvoice/{}/attachment",
        ),
        ("uploadSalesOrderAttachment", "orderNo", "salesOrder", "/v1/salesorder/{}/attachment"),
    ],
)
async def test_a_receivable_document_takes_a_file_too(
    gateway: Gateway, mutation: str, key: str, record: str, path: str
) -> None:
    receivables = gateway.sim.company(COMPANY_A_TENANT).receivables
    number = (
        receivables.invoices[0]["referenceNumber"]
        if record == "customerInvoice"
        else receivables.sales_orders[0]["orderNo"]
    )
    query = f"""mutation ($number: String!, $file: Upload!) {{
      {mutation}({key}: $number, file: $file) {{
        {record} {{ attachments {{ name revision downloadUrl }} }} userErrors {{ code }} }} }}"""
    content = b"%PDF-1.7 receivable\n" * 100

    response = await upload(
        gateway, number, "kvittering.pdf", content, "application/pdf", query=query
    )

    payload = response.json()["data"][mutation]
    assert payload["userErrors"] == []
    [added] = [a for a in payload[record]["attachments"] if a["name"] == "kvittering.pdf"]
    [sent] = [call for call in gateway.calls() if call.method == "POST"]
    assert sent.path == path.format(number)
    assert base64.b64decode(sent.body["file"]["base64"]) == content
    download = await gateway.client.get(added["downloadUrl"], headers=AUTH_A)
    assert download.content == content
