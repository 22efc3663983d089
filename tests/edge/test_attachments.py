"""GET /attachments/{id}: an attachment's file from Visma.net, with the caller's token."""

from __future__ import annotations

import asyncio
import os
import socket
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from starlette.types import ASGIApp, Message

from gateway.edge.attachments import CHUNK
from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, FaultRule, Simulator
from gateway.simulator.demodata.receipts import attachment_bytes
from tests.conftest import TOKEN_A, TOKEN_B, Gateway, running, served
from tests.schema.test_mutation_upload import an_invoice, upload

ENUM_OF = {"Invoice": "INVOICE", "CreditAdj": "CREDIT_ADJ", "DebitAdj": "DEBIT_ADJ"}
BEARER_A = f"Bearer {TOKEN_A}"
AUTH_A = {"Authorization": BEARER_A}


def first_attachment(sim: Simulator) -> tuple[dict[str, Any], bytes]:
    """Company A's first attachment (its metadata as on the invoice) and its file."""
    found = sim.company(COMPANY_A_TENANT).purchasing.attachments
    ident, attachment = next(iter(found.items()))
    [meta] = [a for a in attachment["invoice"]["attachments"] if a["id"] == ident]
    return meta, attachment_bytes(attachment)


async def uploaded(gateway: Gateway, content: bytes) -> str:
    """The download path of ``content``, attached to an invoice of company A through the
    gateway; the simulator's record is emptied afterwards."""
    response = await upload(gateway, an_invoice(gateway), "big.bin", content, "image/png")
    payload = response.json()["data"]["uploadSupplierInvoiceAttachment"]
    path: str = payload["supplierInvoice"]["attachments"][-1]["downloadUrl"]
    gateway.sim.reset_calls()
    return path


async def asgi_get(app: ASGIApp, path: str) -> tuple[Message, list[bytes], bool]:
    """GET ``path`` with company A's token from ``app`` as a server would: the start message,
    each body message's bytes kept apart (httpx's ASGI transport joins them) and whether the
    body was finished."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "server": ("gateway.test", 80),
        "client": ("127.0.0.1", 50000),
        "root_path": "",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [
            (b"host", b"gateway.test"),
            (b"authorization", BEARER_A.encode()),
        ],
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await app(scope, receive, send)
    start, *bodies = sent
    finished = bool(bodies) and not bodies[-1].get("more_body", False)
    return start, [m["body"] for m in bodies if m["body"]], finished


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


async def test_a_file_of_many_chunks_is_passed_on_a_chunk_at_a_time(gateway: Gateway) -> None:
    content = os.urandom(5 * CHUNK + 1234)
    path = await uploaded(gateway, content)

    start, pieces, finished = await asgi_get(gateway.app, path)

    assert start["status"] == 200
    assert (b"content-type", b"image/png") in start["headers"]
    assert (b"content-length", str(len(content)).encode()) in start["headers"]
    assert finished
    assert b"".join(pieces) == content
    assert max(len(piece) for piece in pieces) <= CHUNK
    [call] = gateway.calls()
    assert (call.method, call.path) == ("GET", f"/v1/attachment/{path.rsplit('/', 1)[1]}")
    metrics = (await gateway.client.get("/metrics")).text
    assert 'gateway_upstream_calls_total{endpoint="attachment",status="200"} 1.0' in metrics


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

    async def test_is_refused_before_a_byte_when_visma_gives_its_length(
        self, gateway: Gateway
    ) -> None:
        meta, expected = first_attachment(gateway.sim)
        assert len(expected) > 200

        response = await gateway.client.get(f"/attachments/{meta['id']}", headers=AUTH_A)

        assert_error(response, 502, "UPSTREAM_ERROR")
        assert "200 bytes" in response.json()["errors"][0]["message"]
        assert len(gateway.calls()) == 1  # not retried

    async def test_is_cut_off_once_past_the_bound_when_visma_gives_no_length(
        self, gateway: Gateway, caplog: pytest.LogCaptureFixture
    ) -> None:
        meta, expected = first_attachment(gateway.sim)
        # A trickled answer is chunked: it has no Content-Length.
        gateway.sim.add_fault(
            FaultRule(path_pattern="^/v1/attachment/", status=None, trickle_seconds=0.0001)
        )
        received = bytearray()

        async with (
            served(gateway.app) as url,
            httpx.AsyncClient(base_url=url) as client,
            client.stream("GET", f"/attachments/{meta['id']}", headers=AUTH_A) as got,
        ):
            assert got.status_code == 200
            assert "content-length" not in got.headers
            with pytest.raises(httpx.RemoteProtocolError):
                async for piece in got.aiter_raw():
                    received += piece

        assert len(received) <= 200
        assert expected.startswith(received)
        assert "cut off after" in caplog.text
        assert len(gateway.calls()) == 1  # not retried once bytes were sent


async def test_the_first_bytes_come_before_the_whole_file_and_leaving_ends_the_call(
    sim: Simulator,
) -> None:
    meta, expected = first_attachment(sim)
    # Visma sends a byte every 50 ms: the whole file would take half a minute.
    sim.add_fault(FaultRule(path_pattern="^/v1/attachment/", status=None, trickle_seconds=0.05))
    async with served(sim.app) as visma:
        # One call of the company in flight at a time: a call waits while the download's is.
        settings = Settings(visma_api_url=visma, upstream_concurrency=1)
        async with (
            running(sim, settings, httpx.AsyncHTTPTransport()) as gateway,
            served(gateway.app) as url,
            httpx.AsyncClient(base_url=url) as client,
        ):
            # Visma accepts the token first, so that the download and the query after it
            # draw on the same company's calls.
            await gateway.query('{ supplier(number: "10001") { name } }')
            async with (
                asyncio.timeout(5),
                client.stream("GET", f"/attachments/{meta['id']}", headers=AUTH_A) as got,
            ):
                first = await anext(got.aiter_raw())
            assert got.status_code == 200
            assert expected.startswith(first)

            async with asyncio.timeout(5):
                result = await gateway.query('{ supplier(number: "10002") { name } }')

    assert "errors" not in result
    assert [c.path for c in sim.calls].count(f"/v1/attachment/{meta['id']}") == 1


class TestAClientThatStopsReading:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings(upstream_timeout=1, upstream_concurrency=1, max_body_bytes=8 << 20)

    async def test_is_cut_off_and_the_call_ended(
        self, gateway: Gateway, caplog: pytest.LogCaptureFixture
    ) -> None:
        # More than the socket buffers between the gateway and a client that reads nothing.
        content = os.urandom(6 << 20)
        path = await uploaded(gateway, content)

        async with served(gateway.app) as url:
            with socket.socket() as client:
                client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                client.setblocking(False)
                loop = asyncio.get_running_loop()
                address = urlsplit(url)
                await loop.sock_connect(client, (address.hostname, address.port))
                head = f"GET {path} HTTP/1.1\r\nHost: gateway\r\nAuthorization: {BEARER_A}"
                await loop.sock_sendall(client, f"{head}\r\n\r\n".encode())

                async with asyncio.timeout(10):
                    result = await gateway.query('{ supplier(number: "10001") { name } }')
                    received = 0
                    while piece := await loop.sock_recv(client, 1 << 20):
                        received += len(piece)

        assert "errors" not in result
        assert "the client took nothing" in caplog.text
        assert received < len(content)


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
