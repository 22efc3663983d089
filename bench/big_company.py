"""A big company: 200 suppliers with 20 invoices each, out of 60,000 invoices.

The simulator runs in its own process with company A at ten times its size (``--scale 10``:
2400 suppliers, 60,000 supplier invoices) and a fixed latency per call. Three plans answer
``suppliers(first: 200) { invoices(first: 20) }``:

- by hand: the supplier page, then one filtered read per supplier, 8 in flight; it pulls
  exactly the records the query returns, so its bytes are the measure of those;
- the gateway, cold, as configured by default;
- the gateway, cold, weighing calls only (``GATEWAY_PLANNER_MAX_EXTRA_RECORDS`` at 10^9: the
  planner before it weighed bytes).

Each gateway run is a fresh ``serve`` process; after a small warm-up query its peak resident
memory (VmHWM) is reset and read again after the query, against its resident memory before.
Calls, bytes and round trips come from the simulator's record. Best wall time of ``--runs``;
the largest memory increase.

Then the memory cache's bound in real bytes: in a fresh process, a ``MemoryCache`` bounded at
``--cache-bound`` MiB is filled far beyond its bound with the company's invoice pages (as the
gateway caches them: decoded, sized by their encoded length), once with its 60 bulk pages of
1000 and once with the per-supplier pages of 20 of all its suppliers; the process's resident
memory after a collection, against before, is compared with the bound. Prints Markdown.

    python -m bench.big_company [--latency 0.02] [--runs 3] [--cache-bound 50]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass

import httpx
import orjson

from bench.load import process
from bench.proxy import free_port
from bench.q1 import recorded, simulator
from gateway.simulator import COMPANY_A_TENANT, demo_token
from gateway.simulator.recording import RecordedCall, round_trips
from gateway.upstream.cache import MemoryCache

QUERY = """{ suppliers(first: 200) { nodes { number name
  invoices(first: 20) { nodes { referenceNumber amount balance status } } } } }"""
SUPPLIERS, WINDOW, IN_FLIGHT = 200, 20, 8
BY_HAND = f"by hand (1 + {SUPPLIERS} filtered reads, {IN_FLIGHT} in flight)"
DEFAULT = "gateway, cold (default planner)"
CALLS_ONLY = "gateway, cold, calls only (GATEWAY_PLANNER_MAX_EXTRA_RECORDS=10^9)"
MIB = 1024 * 1024


@dataclass
class Run:
    calls: int
    round_trips: int
    upstream_bytes: int
    seconds: float
    rss_added: int = 0  # bytes
    rss_before: int = 0


def measured(calls: list[RecordedCall], seconds: float) -> Run:
    pulled = sum(call.response_bytes for call in calls)
    return Run(len(calls), round_trips(calls), pulled, seconds)


def memory(pid: int, field: str) -> int:
    """``field`` of /proc/<pid>/status (VmRSS, VmHWM), in bytes."""
    with open(f"/proc/{pid}/status") as status:
        return 1024 * next(int(line.split()[1]) for line in status if line.startswith(field))


async def by_hand(url: str, token: str) -> Run:
    """The supplier page, then each supplier's first invoices, ``IN_FLIGHT`` at a time."""
    before = len(recorded(url))
    started = time.perf_counter()
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as client:
        params = {"pageNumber": 1, "pageSize": SUPPLIERS}
        page = (await client.get("/v1/supplier", params=params)).json()
        limit = asyncio.Semaphore(IN_FLIGHT)

        async def invoices(number: str) -> None:
            async with limit:
                query = {"supplier": number, "pageNumber": "1", "pageSize": str(WINDOW)}
                (await client.get("/v1/supplierInvoice", params=query)).raise_for_status()

        await asyncio.gather(*(invoices(supplier["number"]) for supplier in page))
    return measured(recorded(url)[before:], time.perf_counter() - started)


def through_gateway(url: str, token: str, env: dict[str, str]) -> Run:
    """The query through a fresh gateway process, cold."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "gateway", "serve", "--port", str(port)]
    environment = {"VISMA_API_URL": url, "GATEWAY_LOG_LEVEL": "WARNING", **env}
    headers = {"Authorization": f"Bearer {token}"}
    with (
        process(command, environment, f"{base}/healthz") as child,
        httpx.Client(base_url=base, headers=headers, timeout=120) as client,
    ):
        # Loads what the first query loads, on data the measured query does not read.
        warm = client.post("/graphql", json={"query": '{ supplier(number: "10001") { name } }'})
        assert "errors" not in warm.json(), warm.text
        time.sleep(0.5)
        rss_before = memory(child.pid, "VmRSS")
        with open(f"/proc/{child.pid}/clear_refs", "w") as refs:
            refs.write("5")  # resets VmHWM to the current resident size
        before = len(recorded(url))
        started = time.perf_counter()
        response = client.post("/graphql", json={"query": QUERY})
        seconds = time.perf_counter() - started
        body = response.json()
        assert "errors" not in body, body["errors"][:3]
        run = measured(recorded(url)[before:], seconds)
        run.rss_before = rss_before
        run.rss_added = memory(child.pid, "VmHWM") - rss_before
    return run


def fill_cache(url: str, token: str, kind: str, bound: int) -> dict[str, int]:
    """In this process: resident memory taken by a ``MemoryCache`` of ``bound`` bytes filled
    with the company's invoice pages (``kind``: ``bulk`` or ``per-supplier``)."""
    cache = MemoryCache(bound)
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
        suppliers = client.get("/v1/supplier", params={"pageNumber": 1, "pageSize": 1000})
        total = suppliers.json()[0]["metadata"]["totalCount"]
        numbers = [
            supplier["number"]
            for page in range(1, -(-total // 1000) + 1)
            for supplier in client.get(
                "/v1/supplier", params={"pageNumber": page, "pageSize": 1000}
            ).json()
        ]
        if kind == "bulk":
            pages = [{"pageNumber": str(n), "pageSize": "1000"} for n in range(1, 61)]
        else:
            pages = [{"supplier": n, "pageNumber": "1", "pageSize": str(WINDOW)} for n in numbers]
        del suppliers, numbers
        gc.collect()
        before = memory(os.getpid(), "VmRSS")
        json_bytes = entries = 0

        async def fill() -> None:
            nonlocal json_bytes, entries
            async with httpx.AsyncClient(base_url=url, headers=headers, timeout=120) as fetch:
                limit = asyncio.Semaphore(IN_FLIGHT)

                async def one(params: dict[str, str]) -> None:
                    nonlocal json_bytes, entries
                    async with limit:
                        body = (await fetch.get("/v1/supplierInvoice", params=params)).content
                    key = "|".join(f"{k}={v}" for k, v in sorted(params.items()))
                    await cache.set(key, orjson.loads(body), 3600, size=len(body))
                    json_bytes += len(body)
                    entries += 1

                await asyncio.gather(*(one(params) for params in pages))

        asyncio.run(fill())
        gc.collect()
        after = memory(os.getpid(), "VmRSS")
    return {
        "json_bytes": json_bytes,
        "entries": entries,
        "estimate": cache.size_bytes,
        "rss_added": after - before,
    }


def cache_in_fresh_process(url: str, token: str, kind: str, bound: int) -> dict[str, int]:
    """``fill_cache`` in a process of its own, so that each fill starts from a clean heap."""
    output = subprocess.run(  # noqa: S603 - this module, fixed arguments
        [sys.executable, "-m", "bench.big_company", "--fill", kind, url, str(bound)],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    result: dict[str, int] = json.loads(output)
    return result


def main(latency: float, runs: int, bound_mib: int) -> None:
    token = demo_token(COMPANY_A_TENANT)
    best: dict[str, Run] = {}
    calls_only = {"GATEWAY_PLANNER_MAX_EXTRA_RECORDS": str(10**9)}
    with simulator(latency, "--scale", "10") as url:
        started = time.perf_counter()
        httpx.get(
            f"{url}/v1/supplier",
            params={"pageSize": 1},
            headers={"Authorization": f"Bearer {token}"},
            timeout=300,
        ).raise_for_status()
        generated = time.perf_counter() - started
        for _ in range(runs):
            rows = {
                BY_HAND: asyncio.run(by_hand(url, token)),
                DEFAULT: through_gateway(url, token, {}),
                CALLS_ONLY: through_gateway(url, token, calls_only),
            }
            for label, run in rows.items():
                kept = best.get(label)
                if kept is None or run.seconds < kept.seconds:
                    run.rss_added = max(run.rss_added, kept.rss_added if kept else 0)
                    best[label] = run
                else:
                    kept.rss_added = max(kept.rss_added, run.rss_added)
        fills = {
            kind: cache_in_fresh_process(url, token, kind, bound_mib * MIB)
            for kind in ("bulk", "per-supplier")
        }
    hand, ours = best[BY_HAND], best[DEFAULT]
    print(
        f"Big company (company A x10: 60,000 supplier invoices, generated in {generated:.0f} s), "
        f"simulator latency {latency * 1000:.0f} ms per call, best of {runs} runs\n"
    )
    print(f"`{' '.join(QUERY.split())}`\n")
    print(
        "| plan | upstream calls | round trips | bytes pulled (MB) | x the records returned "
        "| wall time (s) | x by hand | gateway RSS added (MiB) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, run in best.items():
        rss = f"{run.rss_added / MIB:.0f}" if label != BY_HAND else "-"
        print(
            f"| {label} | {run.calls} | {run.round_trips} | {run.upstream_bytes / 1e6:.1f} "
            f"| {run.upstream_bytes / hand.upstream_bytes:.2f} | {run.seconds:.3f} "
            f"| {run.seconds / hand.seconds:.2f} | {rss} |"
        )
    print(
        f"\nbytes pulled / bytes of the records returned (what by hand pulls): "
        f"{ours.upstream_bytes / hand.upstream_bytes:.2f}x (goal: at most 5x)"
    )
    print(f"gateway RSS added: {ours.rss_added / MIB:.0f} MiB (goal: at most 150 MB)")
    print(f"wall time, gateway / by hand: {ours.seconds / hand.seconds:.2f}x (goal: at most 1.5x)")
    print(f"\nMemory cache bounded at {bound_mib} MiB, filled far beyond its bound:\n")
    print(
        "| pages cached | JSON pulled (MB) | entries | the cache's estimate (MiB) "
        "| RSS added (MiB) | RSS added / bound |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for kind, fill in fills.items():
        print(
            f"| {kind} | {fill['json_bytes'] / 1e6:.0f} | {fill['entries']} "
            f"| {fill['estimate'] / MIB:.1f} | {fill['rss_added'] / MIB:.1f} "
            f"| {fill['rss_added'] / (bound_mib * MIB):.2f} |"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache-bound", type=int, default=50, help="MiB")
    parser.add_argument("--fill", nargs=3, metavar=("KIND", "URL", "BOUND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill:
        kind, url, bound = args.fill
        print(json.dumps(fill_cache(url, demo_token(COMPANY_A_TENANT), kind, int(bound))))
    else:
        main(args.latency, args.runs, args.cache_bound)
