"""Q1 through the gateway versus the same data fetched by hand from the REST API.

The simulator runs in its own process on a loopback port, with a fixed latency added to every
answer (standing in for the network and Visma's own time), so that both clients are measured
over real HTTP and only their own work counts. Upstream calls are counted from the
simulator's record, and round trips from when it received and answered each call (the
longest chain of calls each received after the previous one was answered; use a latency well
above the simulator's own time per call to read it). Prints a Markdown table.

    python -m bench.q1 [--latency 0.02] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from gateway.app import create_app
from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, demo_token
from gateway.simulator.recording import RecordedCall, round_trips

Q1 = """{ suppliers(first: 50) { totalCount nodes { number name
  invoices(first: 100) { totalCount nodes { referenceNumber amount balance status } }
  purchaseOrders(first: 100) { nodes { orderNumber status orderTotal } }
  payments(first: 100) { nodes { referenceNumber paymentAmount } } } } }"""
BY_HAND = "by hand (1 + 3 x 50 REST calls, 8 at a time)"
WARM = "gateway, warm (same token: response cache)"


@contextmanager
def simulator(latency: float, *options: str) -> Iterator[str]:
    """A simulator process on a free loopback port, started with the command line's
    ``options`` besides; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
        [
            sys.executable,
            "-m",
            "gateway",
            "simulator",
            "--port",
            str(port),
            "--latency",
            str(latency),
            *options,
        ],
        stdout=subprocess.DEVNULL,
        env={**os.environ, "GATEWAY_LOG_LEVEL": "WARNING"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{url}/_simulator/health", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def recorded(url: str) -> list[RecordedCall]:
    return [
        RecordedCall(**call) for call in httpx.get(f"{url}/_simulator/calls", timeout=10).json()
    ]


Row = tuple[int, int, float, int]  # upstream calls, cache hits, wall seconds, round trips


def row(calls: list[RecordedCall], hits: int, seconds: float) -> Row:
    return len(calls), hits, seconds, round_trips(calls)


async def by_hand(url: str, token: str) -> Row:
    """What a client without the gateway does: the supplier page, then 3 calls per supplier."""
    before = len(recorded(url))
    started = time.perf_counter()
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as client:
        page = (await client.get("/v1/supplier", params={"pageNumber": 1, "pageSize": 50})).json()
        limit = asyncio.Semaphore(8)

        async def get(path: str, number: str) -> Any:
            async with limit:
                params: dict[str, str | int] = {
                    "supplier": number,
                    "pageNumber": 1,
                    "pageSize": 100,
                }
                return (await client.get(path, params=params)).json()

        await asyncio.gather(
            *(
                get(path, supplier["number"])
                for supplier in page
                for path in ("/v1/supplierInvoice", "/v1/purchaseorder", "/v1/supplierPayment")
            )
        )
    elapsed = time.perf_counter() - started
    return row(recorded(url)[before:], 0, elapsed)


async def through_gateway(url: str, runs: list[tuple[str, str, str]]) -> dict[str, Row]:
    app = create_app(Settings(visma_api_url=url))
    rows: dict[str, Row] = {}
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client,
    ):
        for label, token, query in runs:
            before = len(recorded(url))
            started = time.perf_counter()
            response = await client.post(
                "/graphql", json={"query": query}, headers={"Authorization": f"Bearer {token}"}
            )
            elapsed = time.perf_counter() - started
            body = response.json()
            assert "errors" not in body, body["errors"]
            hits = body["extensions"]["upstream"]["cacheHits"]
            rows[label] = row(recorded(url)[before:], hits, elapsed)
    return rows


async def main(latency: float, runs: int) -> None:
    token_a, token_b = demo_token(COMPANY_A_TENANT), demo_token(COMPANY_B_TENANT)
    best: dict[str, Row] = {}
    with simulator(latency) as url:
        for _ in range(runs):
            rows = {BY_HAND: await by_hand(url, token_a)}
            rows |= await through_gateway(
                url,
                [
                    ("gateway, cold", token_a, Q1),
                    (WARM, token_a, Q1),
                    ("gateway, warm, another document (executed)", token_a, f"query Q1b {Q1}"),
                    ("gateway, other company (cold)", token_b, Q1),
                ],
            )
            for label, row in rows.items():
                if label not in best or row[2] < best[label][2]:
                    best[label] = row
    print(f"Q1, simulator latency {latency * 1000:.0f} ms per call, best of {runs} runs\n")
    print("| plan | upstream calls | round trips | cache hits | wall time (s) |")
    print("|---|---:|---:|---:|---:|")
    for label, (calls, hits, seconds, rounds) in best.items():
        print(f"| {label} | {calls} | {rounds} | {hits} | {seconds:.3f} |")
    naive, cold = best[BY_HAND], best["gateway, cold"]
    warm = best[WARM]
    print(f"\nupstream calls, by hand / gateway cold: {naive[0] / cold[0]:.1f}x")
    print(f"wall time, by hand / gateway cold: {naive[2] / cold[2]:.2f}x")
    print(f"wall time, by hand / gateway warm: {naive[2] / warm[2]:.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.latency, args.runs))
