"""Small defences: cache headers of GET, Visma's messages cut short, a cap on Visma's answers,
a memory cache bounded by the memory it takes, and the demo sign-in's redirects."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import AsyncIterator

import orjson
import pytest

from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, FaultRule, Simulator
from gateway.simulator.connect import DEMO_CLIENT_ID
from gateway.simulator.store import PageRequest, page_of
from gateway.upstream.cache import MemoryCache
from tests.conftest import TOKEN_A, Gateway, running
from tests.upstream.test_session import Gzipped

AUTH = {"Authorization": f"Bearer {TOKEN_A}"}


async def test_get_answers_are_private_and_vary_by_token(gateway: Gateway) -> None:
    response = await gateway.client.get(
        "/graphql", params={"query": "{ suppliers(first: 1) { totalCount } }"}, headers=AUTH
    )

    assert response.status_code == 200
    assert response.headers["cache-control"] == "private"
    assert "authorization" in response.headers["vary"].lower()


async def test_get_errors_are_not_kept(gateway: Gateway) -> None:
    response = await gateway.client.get(
        "/graphql", params={"query": "{ suppliers(first: 1) { nope } }"}, headers=AUTH
    )

    assert response.headers["cache-control"] == "no-store"
    assert "authorization" in response.headers["vary"].lower()


async def test_a_huge_visma_message_is_cut_short_in_answers_and_logs(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    gateway.sim.add_fault(
        FaultRule(path_pattern="^/v1/supplier$", status=400, message="x" * 5_000_000)
    )

    result = await gateway.query("{ suppliers(first: 1) { totalCount } }")

    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert 500 < len(error["message"]) < 700
    assert max(len(record.getMessage()) for record in caplog.records) < 2000


async def test_an_answer_above_the_cap_is_an_upstream_error(sim: Simulator) -> None:
    capped = Settings(max_upstream_bytes=16 * 1024, upstream_retries=2)
    async with running(sim, capped) as gateway:
        small = await gateway.query('{ supplier(number: "10001") { name } }')
        result = await gateway.query("{ suppliers(first: 200) { totalCount } }")

    assert "errors" not in small
    [error] = result["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_ERROR"
    assert "more than 16384 bytes" in error["message"]
    assert len([c for c in gateway.calls() if c.path == "/v1/supplier"]) == 1  # not retried


async def test_a_compressed_answer_above_the_cap_once_decoded_is_an_upstream_error() -> None:
    """Small on the wire, large once decoded: the cap holds for what the gateway holds."""
    sim = Simulator()
    capped = Settings(max_upstream_bytes=128 * 1024, upstream_retries=2)
    async with running(sim, capped, upstream_transport=Gzipped(sim)) as gateway:
        small = await gateway.query('{ supplier(number: "10001") { name } }')
        result = await gateway.query("{ suppliers(first: 200) { totalCount } }")

    assert "errors" not in small
    [call] = [c for c in gateway.calls() if c.path == "/v1/supplier"]  # not retried
    assert call.response_bytes > 128 * 1024  # what the simulator sent, before compression
    [error] = result["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_ERROR"
    assert "more than 131072 bytes" in error["message"]


async def test_the_memory_cache_holds_no_more_memory_than_its_bound() -> None:
    records = Simulator().company(COMPANY_A_TENANT).invoices
    pages = [orjson.dumps(page_of(records, PageRequest(n, 100), 1000, True)) for n in range(1, 41)]
    bound = 4 * 1024 * 1024
    cache = MemoryCache(bound)
    gc.collect()
    tracemalloc.start()
    try:
        for number, raw in enumerate(pages):
            await cache.set(f"page|{number}", orjson.loads(raw), 60, size=len(raw))
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()

    assert held < bound * 1.25, f"{held / bound:.2f} times the bound"
    assert cache.size_bytes <= bound


@pytest.fixture
async def demo_gateway(sim: Simulator) -> AsyncIterator[Gateway]:
    settings = Settings(demo=True, oauth_redirect_uri="http://gateway.test/auth/callback")
    async with running(sim, settings) as gateway:
        yield gateway


def authorize_params(redirect_uri: str) -> dict[str, str]:
    return {
        "client_id": DEMO_CLIENT_ID,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "code_challenge_method": "S256",
        "code_challenge": "x" * 43,
        "state": "s",
    }


async def test_the_demo_sign_in_redirects_only_to_the_registered_uri(
    demo_gateway: Gateway,
) -> None:
    path = "/simulator/connect/authorize"
    elsewhere = await demo_gateway.client.get(
        path, params=authorize_params("https://evil.example/")
    )
    registered = await demo_gateway.client.get(
        path, params=authorize_params("http://gateway.test/auth/callback")
    )

    assert elsewhere.status_code == 400
    assert "location" not in elsewhere.headers
    assert registered.status_code == 302
    assert registered.headers["location"].startswith("http://gateway.test/auth/callback?code=")


async def test_the_sign_in_callback_does_not_echo_an_error_it_cannot_name(
    demo_gateway: Gateway,
) -> None:
    forged = await demo_gateway.client.get(
        "/auth/callback", params={"error": "<script>alert(1)</script>"}
    )
    named = await demo_gateway.client.get("/auth/callback", params={"error": "access_denied"})

    assert forged.status_code == 400
    assert "<script>" not in forged.text and "alert" not in forged.text
    assert "(access_denied)" in named.text
