"""The upstream client seen from Visma's side: tokens, paths, paging and errors."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import gzip
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, FaultRule, Simulator, SimulatorConfig
from schema.pagination import encode_cursor
from tests.conftest import TOKEN_A, Gateway, running, served

ALL_INVOICES = """query($after: String, $first: Int) {
  supplierInvoices(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { referenceNumber } } }"""


async def collect(
    gateway: Gateway, field: str, query: str, first: int
) -> tuple[list[str], list[int]]:
    seen: list[str] = []
    totals: list[int] = []
    after = None
    while True:
        result = await gateway.query(query, variables={"after": after, "first": first})
        assert "errors" not in result, result["errors"]
        page = result["data"][field]
        totals.append(page["totalCount"])
        seen += [n["referenceNumber"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            return seen, totals
        after = page["pageInfo"]["endCursor"]


async def test_the_callers_token_reaches_visma_unchanged_on_every_call(gateway: Gateway) -> None:
    await gateway.query(
        "{ suppliers(first: 30) { nodes { balance "
        "invoices(first: 3) { nodes { supplier { status } } } } } }"
    )
    assert gateway.calls()
    assert {c.authorization for c in gateway.calls()} == {f"Bearer {TOKEN_A}"}


@pytest.mark.parametrize("number", ["../customer", "a/b?c=d", "..", "%2e%2e", "x#y"])
async def test_user_input_cannot_change_the_upstream_path(gateway: Gateway, number: str) -> None:
    result = await gateway.query(
        "query($n: String!) { supplier(number: $n) { name } }", variables={"n": number}
    )
    assert result["data"] == {"supplier": None}
    [call] = gateway.calls()
    prefix, _, encoded = call.raw_path.partition("/v1/supplier/b64(")
    assert prefix == "" and encoded.endswith(")") and "/" not in encoded
    assert base64.urlsafe_b64decode(encoded[:-1]).decode() == number
    assert call.params == {}
    assert call.status == 404


@pytest.mark.parametrize("sim_config", [SimulatorConfig(max_page_size=200)])
async def test_paging_across_upstream_pages_returns_every_item_once(gateway: Gateway) -> None:
    expected = sorted(i["referenceNumber"] for i in gateway.sim.company(COMPANY_A_TENANT).invoices)

    seen, totals = await collect(gateway, "supplierInvoices", ALL_INVOICES, 450)

    assert seen == expected
    assert set(totals) == {len(expected)}
    sizes = {c.params["pageSize"] for c in gateway.calls()}
    assert sizes <= {"200", "450"}  # clamped once, then Visma's maximum


@pytest.mark.parametrize("sim_config", [SimulatorConfig(max_page_size=200)])
async def test_an_odd_window_is_cut_from_the_right_pages(gateway: Gateway) -> None:
    expected = sorted(i["referenceNumber"] for i in gateway.sim.company(COMPANY_A_TENANT).invoices)
    result = await gateway.query(
        ALL_INVOICES, variables={"first": 300, "after": encode_cursor(136)}
    )
    nodes = result["data"]["supplierInvoices"]["nodes"]
    assert [n["referenceNumber"] for n in nodes] == expected[137:437]


@pytest.mark.parametrize(
    "sim_config", [SimulatorConfig(max_page_size=100, omit_metadata=frozenset({"supplierPayment"}))]
)
async def test_lists_without_metadata_page_to_the_end(gateway: Gateway) -> None:
    query = """query($after: String, $first: Int) { supplierPayments(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { referenceNumber } } }"""
    expected = sorted(p["refNbr"] for p in gateway.sim.company(COMPANY_A_TENANT).payments)

    seen, totals = await collect(gateway, "supplierPayments", query, 70)

    assert seen == expected
    assert totals[-1] == len(expected)
    assert None in totals  # not known before the last page


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (401, "UNAUTHENTICATED"),
        (403, "FORBIDDEN"),
        (404, "NOT_FOUND"),
        (500, "UPSTREAM_ERROR"),
        (503, "UPSTREAM_ERROR"),
    ],
)
async def test_an_upstream_failure_gives_its_code_and_keeps_the_rest(
    gateway: Gateway, status: int, code: str
) -> None:
    gateway.sim.add_fault(FaultRule(path_pattern=r"^/v1/purchaseorder$", status=status))
    result = await gateway.query(
        """{ suppliers(first: 5) { nodes { number
             invoices(first: 2) { totalCount } purchaseOrders(first: 2) { totalCount }
             payments(first: 2) { totalCount } } } }"""
    )
    nodes = result["data"]["suppliers"]["nodes"]
    assert len(nodes) == 5
    assert all(n["purchaseOrders"] is None for n in nodes)
    assert all(n["invoices"] is not None and n["payments"] is not None for n in nodes)
    codes = {e["extensions"]["code"] for e in result["errors"]}
    assert codes == {code}
    assert {tuple(e["path"][-1:]) for e in result["errors"]} == {("purchaseOrders",)}


async def test_errors_are_not_cached(gateway: Gateway) -> None:
    gateway.sim.add_fault(FaultRule(path_pattern=r"^/v1/supplier$", status=500, times=1))
    failed = await gateway.query("{ suppliers(first: 3) { totalCount } }")
    assert failed["errors"][0]["extensions"]["code"] == "UPSTREAM_ERROR"

    result = await gateway.query("{ suppliers(first: 3) { totalCount } }")

    assert "errors" not in result
    assert [c.status for c in gateway.calls()] == [500, 200]


async def test_a_slow_upstream_gives_upstream_timeout(sim: Simulator) -> None:
    sim.company(COMPANY_A_TENANT)  # generate the demo data now, not inside the timed call
    sim.add_fault(FaultRule(path_pattern=r"^/v1/supplier$", status=None, delay_seconds=1.0))
    async with served(sim.app) as url:
        settings = Settings(visma_api_url=url, upstream_timeout=0.2)
        async with running(sim, settings, httpx.AsyncHTTPTransport()) as gateway:
            result = await gateway.query("{ suppliers(first: 3) { totalCount } }")
    assert result["errors"][0]["extensions"]["code"] == "UPSTREAM_TIMEOUT"


class LegacyBase(httpx.AsyncBaseTransport):
    """Visma's legacy base path in front of the simulator: records and strips the prefix."""

    prefix = "/API/controller/api"

    def __init__(self, sim: Simulator) -> None:
        self.inner = httpx.ASGITransport(app=sim.app)
        self.seen: list[httpx.URL] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request.url)
        assert request.url.raw_path.startswith(self.prefix.encode())
        request.url = request.url.copy_with(raw_path=request.url.raw_path[len(self.prefix) :])
        return await self.inner.handle_async_request(request)


async def test_the_legacy_base_url_keeps_its_path(sim: Simulator) -> None:
    transport = LegacyBase(sim)
    settings = Settings(visma_api_url="https://integration.visma.net/API/controller/api")
    async with running(sim, settings, transport) as gateway:
        result = await gateway.query('{ supplier(number: "10001") { number } }')
    assert result["data"]["supplier"] == {"number": "10001"}
    assert [str(u) for u in transport.seen] == [
        "https://integration.visma.net/API/controller/api/v1/supplier/10001"
    ]


BULK_INVOICES = "{ suppliers(first: 50) { nodes { number invoices(first: 20) { totalCount } } } }"
HEAD_BYTES = 16 * 1024


def is_bulk_invoice_page(request: httpx.Request, number: str) -> bool:
    params = request.url.params
    return (
        request.url.path == "/v1/supplierInvoice"
        and "supplier" not in params
        and params.get("pageNumber") == number
    )


class SlowBody(httpx.AsyncByteStream):
    """A body whose first bytes come at once and the rest only after ``rest_may_come``."""

    def __init__(self, body: bytes, rest_may_come: Callable[[], Awaitable[None]]) -> None:
        self.body = body
        self.rest_may_come = rest_may_come

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.body[:HEAD_BYTES]
        await self.rest_may_come()
        yield self.body[HEAD_BYTES:]


class FirstPageHeld(httpx.AsyncBaseTransport):
    """The simulator, with the bulk invoice list's first page held after its first bytes until
    the second page is asked for (or a second has passed); tells which came first."""

    def __init__(self, sim: Simulator) -> None:
        self.simulator = httpx.ASGITransport(app=sim.app)
        self.second_asked = asyncio.Event()
        self.second_asked_while_first_held = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.simulator.handle_async_request(request)
        if is_bulk_invoice_page(request, "2"):
            self.second_asked.set()
        if not is_bulk_invoice_page(request, "1"):
            return response
        body = await response.aread()
        return httpx.Response(
            response.status_code, headers=response.headers, stream=SlowBody(body, self.hold)
        )

    async def hold(self) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(1):
                await self.second_asked.wait()
        self.second_asked_while_first_held = self.second_asked.is_set()


def expected_invoice_counts(sim: Simulator) -> dict[str, int]:
    data = sim.company(COMPANY_A_TENANT)
    counts = Counter(
        invoice["supplier"]["number"]
        for invoice in data.invoices
        if isinstance(invoice["supplier"], dict)
    )
    return {s["number"]: counts[s["number"]] for s in data.suppliers}


async def test_later_pages_are_asked_for_while_the_first_is_still_arriving() -> None:
    sim = Simulator()
    transport = FirstPageHeld(sim)
    async with running(sim, Settings(), upstream_transport=transport) as gateway:
        result = await gateway.query(BULK_INVOICES)

    assert transport.second_asked_while_first_held
    counts = expected_invoice_counts(sim)
    for node in result["data"]["suppliers"]["nodes"]:
        assert node["invoices"]["totalCount"] == counts[node["number"]]
    pages = [c.params["pageNumber"] for c in gateway.calls() if c.path == "/v1/supplierInvoice"]
    total = len(sim.company(COMPANY_A_TENANT).invoices)
    assert sorted(pages, key=int) == [str(n) for n in range(1, total // 1000 + 1)]


class FirstPageCutOnce(httpx.AsyncBaseTransport):
    """The simulator, with the bulk invoice list's first page cut off after its first bytes
    the first time it is sent."""

    def __init__(self, sim: Simulator) -> None:
        self.simulator = httpx.ASGITransport(app=sim.app)
        self.cut = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.simulator.handle_async_request(request)
        if self.cut or not is_bulk_invoice_page(request, "1"):
            return response
        self.cut = True
        body = await response.aread()
        return httpx.Response(
            response.status_code, headers=response.headers, stream=SlowBody(body, self.drop)
        )

    async def drop(self) -> None:
        raise httpx.ReadError("connection reset")


async def test_a_first_page_cut_off_after_its_head_is_sent_again_and_no_later_page_twice() -> None:
    sim = Simulator()
    settings = Settings(retry_backoff=0.01)
    async with running(sim, settings, upstream_transport=FirstPageCutOnce(sim)) as gateway:
        result = await gateway.query(BULK_INVOICES)

    assert "errors" not in result
    counts = expected_invoice_counts(sim)
    for node in result["data"]["suppliers"]["nodes"]:
        assert node["invoices"]["totalCount"] == counts[node["number"]]
    pages = Counter(
        c.params["pageNumber"] for c in gateway.calls() if c.path == "/v1/supplierInvoice"
    )
    assert pages.pop("1") == 2
    assert set(pages.values()) == {1}


class Gzipped(httpx.AsyncBaseTransport):
    """The simulator's answers, gzip-compressed as Visma's are."""

    def __init__(self, sim: Simulator) -> None:
        self.simulator = httpx.ASGITransport(app=sim.app)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.simulator.handle_async_request(request)
        body = gzip.compress(await response.aread())
        headers = [(k, v) for k, v in response.headers.items() if k != "content-length"]
        return httpx.Response(
            response.status_code, headers=[*headers, ("content-encoding", "gzip")], content=body
        )


async def test_compressed_pages_are_read_decoded() -> None:
    sim = Simulator()
    async with running(sim, Settings(), upstream_transport=Gzipped(sim)) as gateway:
        result = await gateway.query(BULK_INVOICES)

    assert "errors" not in result
    counts = expected_invoice_counts(sim)
    nodes = result["data"]["suppliers"]["nodes"]
    assert len(nodes) == 50
    for node in nodes:
        assert node["invoices"]["totalCount"] == counts[node["number"]]
