"""Load test: 50 clients for 60 s against a rate budget far below their demand.

Everything runs on loopback: the simulator, one or two gateway processes (two share a
redis-server), and the clients in this process. The run is bounded in time (``--duration``)
and in requests (``--max-requests``). It reports what the clients saw (HTTP statuses, codes of
refused fields, whether each RATE_LIMITED carried ``retryAfter``) and what Visma saw (calls
and 429s per company, against the hourly budget). Prints Markdown.

    python -m bench.load [--duration 60] [--clients 50] [--budget 300] [--replicas 1|2|both]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

import httpx

from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, demo_token
from schema.pagination import encode_cursor

QUERIES = [
    """{ suppliers(first: 50) { totalCount nodes { number name
         invoices(first: 100) { totalCount nodes { referenceNumber amount balance status } }
         purchaseOrders(first: 100) { nodes { orderNumber status orderTotal } }
         payments(first: 100) { nodes { referenceNumber paymentAmount } } } } }""",
    '{ supplier(number: "$N") { name balance invoices(first: 20) { totalCount } } }',
    "{ supplierInvoices(first: 50, filter: {status: OPEN}) { totalCount nodes { "
    "referenceNumber balance supplier { name } } } }",
    '{ purchaseOrders(first: 20, after: "$CURSOR") { nodes { orderNumber orderTotal } } }',
    "{ supplierPayments(first: 30) { nodes { referenceNumber paymentLines { "
    "invoice { referenceNumber status } } } } }",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def process(args: list[str], env: dict[str, str], ready_url: str) -> Iterator[None]:
    child = subprocess.Popen(  # noqa: S603 - our own commands, fixed arguments
        args,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(ready_url)
        yield
    finally:
        child.terminate()
        child.wait(timeout=15)


@dataclass
class Tally:
    statuses: Counter[int] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    rate_limited_without_retry_after: int = 0
    answered: int = 0
    latencies: list[float] = field(default_factory=list)


async def client(
    gateways: list[str], tokens: list[str], until: float, budget: list[int], tally: Tally, seed: int
) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(timeout=60) as http:
        while time.monotonic() < until and budget[0] > 0:
            budget[0] -= 1
            query = (
                rng.choice(QUERIES)
                .replace("$N", str(10001 + rng.randrange(240)))
                .replace("$CURSOR", encode_cursor(20 * rng.randrange(1, 10) - 1))
            )
            started = time.monotonic()
            response = await http.post(
                rng.choice(gateways) + "/graphql",
                json={"query": query},
                headers={"Authorization": f"Bearer {rng.choice(tokens)}"},
            )
            tally.latencies.append(time.monotonic() - started)
            tally.statuses[response.status_code] += 1
            if response.status_code != 200:
                continue
            tally.answered += 1
            for error in response.json().get("errors") or []:
                code = (error.get("extensions") or {}).get("code", "-")
                tally.codes[code] += 1
                if code == "RATE_LIMITED" and "retryAfter" not in error["extensions"]:
                    tally.rate_limited_without_retry_after += 1


async def drive(gateways: list[str], clients: int, duration: float, max_requests: int) -> Tally:
    tokens = [
        demo_token(tenant, subject=f"user-{i}")
        for tenant in (COMPANY_A_TENANT, COMPANY_B_TENANT)
        for i in range(5)
    ]
    tally = Tally()
    until = time.monotonic() + duration
    budget = [max_requests]
    await asyncio.gather(
        *(client(gateways, tokens, until, budget, tally, seed) for seed in range(clients))
    )
    return tally


def run(replicas: int, args: argparse.Namespace) -> None:
    sim_port = free_port()
    sim_url = f"http://127.0.0.1:{sim_port}"
    python = sys.executable
    with ExitStack() as stack:
        stack.enter_context(
            process(
                [
                    python,
                    "-m",
                    "gateway",
                    "simulator",
                    "--port",
                    str(sim_port),
                    "--hourly-budget",
                    str(args.budget),
                ],
                {},
                f"{sim_url}/_simulator/health",
            )
        )
        env = {"VISMA_API_URL": sim_url, "GATEWAY_LOG_LEVEL": "WARNING"}
        if replicas > 1:
            redis_port = free_port()
            redis_server = shutil.which("redis-server")
            if redis_server is None:
                raise SystemExit("redis-server is needed for several replicas (make services)")
            redis = subprocess.Popen(  # noqa: S603
                [redis_server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
                stdout=subprocess.DEVNULL,
            )
            stack.callback(redis.wait)
            stack.callback(redis.terminate)
            time.sleep(0.5)
            env["GATEWAY_CACHE_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        gateways = []
        for _ in range(replicas):
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            stack.enter_context(
                process(
                    [python, "-m", "gateway", "serve", "--port", str(port)], env, f"{url}/healthz"
                )
            )
            gateways.append(url)
        started = time.monotonic()
        tally = asyncio.run(drive(gateways, args.clients, args.duration, args.max_requests))
        elapsed = time.monotonic() - started
        calls = httpx.get(f"{sim_url}/_simulator/calls", timeout=30).json()
    per_tenant = Counter(c["tenant_id"] for c in calls)
    throttled = sum(1 for c in calls if c["status"] == 429)
    requests = sum(tally.statuses.values())
    print(
        f"\n### {replicas} gateway replica{'s' if replicas > 1 else ''}"
        f"{' sharing one redis-server' if replicas > 1 else ''}\n"
    )
    print(
        f"- {args.clients} clients, {elapsed:.0f} s, {requests} GraphQL requests "
        f"({requests / elapsed:.0f}/s), hourly budget {args.budget} calls per company"
    )
    print(
        f"- HTTP statuses from the gateway: {dict(sorted(tally.statuses.items()))}; "
        f"5xx: {sum(n for s, n in tally.statuses.items() if s >= 500)}"
    )
    print(
        f"- latency p50 {statistics.median(tally.latencies) * 1000:.0f} ms, "
        f"p95 {statistics.quantiles(tally.latencies, n=20)[18] * 1000:.0f} ms"
    )
    print(
        f"- error codes in answers: {dict(tally.codes.most_common())}; RATE_LIMITED without "
        f"retryAfter: {tally.rate_limited_without_retry_after}"
    )
    print(
        f"- calls Visma received: {len(calls)} "
        f"(company A {per_tenant.get(COMPANY_A_TENANT, 0)}, "
        f"company B {per_tenant.get(COMPANY_B_TENANT, 0)}); "
        f"429s: {throttled} ({100 * throttled / max(1, len(calls)):.2f}%)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--budget", type=int, default=300)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--replicas", choices=["1", "2", "both"], default="both")
    args = parser.parse_args()
    for replicas in (1, 2) if args.replicas == "both" else (int(args.replicas),):
        run(replicas, args)


if __name__ == "__main__":
    main()
