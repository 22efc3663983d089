"""Q1 through the gateway versus the same data fetched by hand from the REST API.

Runs in one process over ASGI transports (no network), with a fixed latency added to every
simulator answer so that call counts show up in wall time. Prints a Markdown table.

    python -m bench.q1 [--latency 0.02] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

import httpx

from gateway.app import create_app
from gateway.settings import Settings
from gateway.simulator import (
    COMPANY_A_TENANT,
    COMPANY_B_TENANT,
    Simulator,
    SimulatorConfig,
    demo_token,
)

Q1 = """{ suppliers(first: 50) { totalCount nodes { number name
  invoices(first: 100) { totalCount nodes { referenceNumber amount balance status } }
  purchaseOrders(first: 100) { nodes { orderNumber status orderTotal } }
  payments(first: 100) { nodes { referenceNumber paymentAmount } } } } }"""


async def by_hand(sim: Simulator, token: str) -> tuple[int, float]:
    """What a client without the gateway does: the supplier page, then 3 calls per supplier
    (8 at a time, as common Visma clients limit themselves)."""
    headers = {"Authorization": f"Bearer {token}"}
    transport = httpx.ASGITransport(app=sim.app)
    before = len(sim.calls)
    started = time.perf_counter()
    async with httpx.AsyncClient(
        transport=transport, base_url="http://sim", headers=headers
    ) as client:
        page = (await client.get("/v1/supplier", params={"pageNumber": 1, "pageSize": 50})).json()
        limit = asyncio.Semaphore(8)

        async def get(path: str, number: str) -> Any:
            async with limit:
                params = {"supplier": number, "pageNumber": 1, "pageSize": 100}
                return (await client.get(path, params=params)).json()

        await asyncio.gather(
            *(
                get(path, supplier["number"])
                for supplier in page
                for path in ("/v1/supplierInvoice", "/v1/purchaseorder", "/v1/supplierPayment")
            )
        )
    return len(sim.calls) - before, time.perf_counter() - started


async def through_gateway(sim: Simulator, tokens: list[str]) -> list[tuple[str, int, int, float]]:
    app = create_app(Settings(), upstream_transport=httpx.ASGITransport(app=sim.app))
    rows = []
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client,
    ):
        for label, token in tokens:
            before = len(sim.calls)
            started = time.perf_counter()
            response = await client.post(
                "/graphql", json={"query": Q1}, headers={"Authorization": f"Bearer {token}"}
            )
            elapsed = time.perf_counter() - started
            body = response.json()
            assert "errors" not in body, body["errors"]
            rows.append(
                (
                    label,
                    len(sim.calls) - before,
                    body["extensions"]["upstream"]["cacheHits"],
                    elapsed,
                )
            )
    return rows


async def main(latency: float, runs: int) -> None:
    token_a, token_b = demo_token(COMPANY_A_TENANT), demo_token(COMPANY_B_TENANT)
    print(f"Q1, simulator latency {latency * 1000:.0f} ms per call, best of {runs} runs\n")
    print("| plan | upstream calls | cache hits | wall time (s) |")
    print("|---|---:|---:|---:|")
    best: dict[str, tuple[int, int, float]] = {}
    for _ in range(runs):
        sim = Simulator(SimulatorConfig(latency_seconds=latency))
        calls, elapsed = await by_hand(sim, token_a)
        rows = [("by hand (1 + 3 x 50 REST calls)", calls, 0, elapsed)]
        rows += await through_gateway(
            sim,
            [
                ("gateway, cold", token_a),
                ("gateway, warm (same token)", token_a),
                ("gateway, other company", token_b),
            ],
        )
        for label, n, hits, seconds in rows:
            if label not in best or seconds < best[label][2]:
                best[label] = (n, hits, seconds)
    for label, (n, hits, seconds) in best.items():
        print(f"| {label} | {n} | {hits} | {seconds:.3f} |")
    naive = best["by hand (1 + 3 x 50 REST calls)"]
    cold = best["gateway, cold"]
    print(f"\ncall ratio by hand / gateway cold: {naive[0] / cold[0]:.1f}x")
    print(f"time ratio by hand / gateway cold: {naive[2] / cold[2]:.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.latency, args.runs))
