"""Q1 through the gateway against GraphQL Mesh, on the same simulator.

For each simulator latency, the simulator runs in its own process (that latency added to every
answer, an hourly budget no run reaches), and each peer in its own process on loopback: the
gateway (``python -m gateway serve``) and GraphQL Mesh (``bench.mesh``), both one process.
Each peer first answers Q1 once for a throwaway user (loading its code; that answer must match
the gateway's, or the comparison would be meaningless), then:

- cold: Q1 for a user it has never seen (a new token subject, so no cache entry of the gateway
  applies), ``--runs`` times, the peers taking turns (both processes run throughout; the one
  not asked is idle); upstream calls and bytes from the simulator's record;
- warm: ``--clients`` clients repeat Q1 as the last of those users for ``--duration`` seconds,
  one peer at a time.

Prints Markdown tables with the ratios gateway / Mesh.

    python -m bench.peers [--latencies 0 0.02] [--runs 9] [--clients 8] [--duration 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench import mesh
from bench.load import process
from bench.proxy import free_port
from bench.q1 import Q1
from gateway.simulator import COMPANY_A_TENANT, demo_token

_UNREACHED_BUDGET = 10**9


class QueryFailed(Exception):
    """A peer answered Q1 with errors (or not with 200)."""


@dataclass(frozen=True)
class Peer:
    """How to start one GraphQL server over the simulator, and how to ask it Q1."""

    name: str
    command: Callable[[int], list[str]]
    ready_path: str
    query: str
    answer: Callable[[dict[str, Any]], mesh.Answer]


PEERS = (
    Peer(
        "gateway",
        lambda port: [sys.executable, "-m", "gateway", "serve", "--port", str(port)],
        "/healthz",
        Q1,
        mesh.gateway_answer,
    ),
    Peer("GraphQL Mesh", mesh.serve_command, "/healthcheck", mesh.Q1, mesh.mesh_answer),
)


@dataclass
class Figures:
    """What one peer did at one latency."""

    calls: list[int] = field(default_factory=list)
    bytes: list[int] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)
    answered: int = 0
    warm_seconds: float = 0.0
    warm_latencies: list[float] = field(default_factory=list)
    warm_calls: int = 0
    failed: int = 0
    failure: str = ""


@contextmanager
def simulator(latency: float) -> Iterator[str]:
    """A simulator process with ``latency`` seconds per answer; yields its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    args = ["--port", str(port), "--latency", str(latency), "--hourly-budget"]
    with process(
        [sys.executable, "-m", "gateway", "simulator", *args, str(_UNREACHED_BUDGET)],
        {"GATEWAY_LOG_LEVEL": "WARNING"},
        f"{url}/_simulator/health",
    ):
        yield url


def take_record(sim: httpx.Client) -> tuple[int, int]:
    """The calls the simulator recorded since the last take, and their response bytes."""
    calls = sim.get("/_simulator/calls").json()
    sim.delete("/_simulator/calls")
    return len(calls), sum(call["response_bytes"] for call in calls)


def token(subject: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo_token(COMPANY_A_TENANT, subject=subject)}"}


async def ask(client: httpx.AsyncClient, peer: Peer, headers: dict[str, str]) -> mesh.Answer:
    response = await client.post("/graphql", json={"query": peer.query}, headers=headers)
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise QueryFailed(f"{peer.name} failed Q1: {response.status_code} {response.text[:500]}")
    return peer.answer(body)


async def cold(
    client: httpx.AsyncClient, sim: httpx.Client, peer: Peer, run: int, figures: Figures
) -> None:
    """Q1 for a user ``peer`` has never seen, timed, with the calls and bytes it cost."""
    take_record(sim)
    started = time.perf_counter()
    await ask(client, peer, token(f"bench-cold-{run}"))
    figures.cold.append(time.perf_counter() - started)
    calls, size = take_record(sim)
    figures.calls.append(calls)
    figures.bytes.append(size)


async def warm(
    client: httpx.AsyncClient,
    sim: httpx.Client,
    peer: Peer,
    args: argparse.Namespace,
    figures: Figures,
) -> None:
    """``args.clients`` clients repeating Q1 as the last cold user for ``args.duration``."""
    headers = token(f"bench-cold-{args.runs - 1}")
    take_record(sim)

    async def repeat(until: float) -> None:
        while time.perf_counter() < until:
            started = time.perf_counter()
            try:
                await ask(client, peer, headers)
            except QueryFailed as failure:
                figures.failed += 1
                figures.failure = figures.failure or str(failure)
            else:
                figures.warm_latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(repeat(started + args.duration) for _ in range(args.clients)))
    figures.warm_seconds = time.perf_counter() - started
    figures.answered = len(figures.warm_latencies)
    figures.warm_calls = take_record(sim)[0]


async def measure(
    urls: dict[str, str], sim: httpx.Client, args: argparse.Namespace
) -> tuple[dict[str, Figures], mesh.Answer]:
    """Every peer's figures, and the answer they all gave. The cold runs take turns between
    the peers (each run led by the other one), so that a slower spell of the machine weighs
    on both alike; the warm loads run one peer at a time."""
    limits = httpx.Limits(max_connections=args.clients)
    clients = {
        peer.name: httpx.AsyncClient(base_url=urls[peer.name], timeout=120, limits=limits)
        for peer in PEERS
    }
    try:
        answers = [await ask(clients[peer.name], peer, token("bench-warm-up")) for peer in PEERS]
        for peer, answer in zip(PEERS, answers, strict=True):
            if answer != answers[0]:
                raise SystemExit(f"{peer.name}'s Q1 answer differs from the gateway's")
        results = {peer.name: Figures() for peer in PEERS}
        for run in range(args.runs):
            for peer in PEERS if run % 2 == 0 else PEERS[::-1]:
                await cold(clients[peer.name], sim, peer, run, results[peer.name])
        for peer in PEERS:
            await warm(clients[peer.name], sim, peer, args, results[peer.name])
    finally:
        for client in clients.values():
            await client.aclose()
    return results, answers[0]


def run(latency: float, args: argparse.Namespace) -> dict[str, Figures]:
    load_before = os.getloadavg()[0]
    with (
        simulator(latency) as sim_url,
        httpx.Client(base_url=sim_url, timeout=60) as sim,
        ExitStack() as peers,
    ):
        urls: dict[str, str] = {}
        env = {"VISMA_API_URL": sim_url, "GATEWAY_LOG_LEVEL": "WARNING"}
        for peer in PEERS:  # each started once the one before is up: no port is taken twice
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            peers.enter_context(process(peer.command(port), env, f"{url}{peer.ready_path}"))
            urls[peer.name] = url
        results, expected = asyncio.run(measure(urls, sim, args))
    invoices = sum(len(supplier[3]) for supplier in expected)
    print(
        f"\nQ1, simulator latency {latency * 1000:.0f} ms per call; both answers equal: "
        f"{len(expected)} suppliers, {invoices} invoices; load average "
        f"{load_before:.1f} -> {os.getloadavg()[0]:.1f}\n"
    )
    return results


def table(results: dict[str, Figures], args: argparse.Namespace) -> None:
    gateway, peer = results["gateway"], results["GraphQL Mesh"]

    def row(label: str, ours: float, theirs: float, form: str) -> None:
        ratio = ours / theirs if theirs else float("nan")
        print(f"| {label} | {ours:{form}} | {theirs:{form}} | {ratio:.2f} |")

    print("| Q1 | gateway | GraphQL Mesh | gateway / Mesh |")
    print("|---|---:|---:|---:|")
    row("cold: upstream calls", max(gateway.calls), max(peer.calls), ".0f")
    mb = 1_000_000
    row("cold: upstream MB", max(gateway.bytes) / mb, max(peer.bytes) / mb, ".2f")
    row(
        f"cold: latency, median of {args.runs} (ms)",
        statistics.median(gateway.cold) * 1000,
        statistics.median(peer.cold) * 1000,
        ".0f",
    )
    row("cold: latency, fastest (ms)", min(gateway.cold) * 1000, min(peer.cold) * 1000, ".0f")
    row("cold: latency, slowest (ms)", max(gateway.cold) * 1000, max(peer.cold) * 1000, ".0f")
    row(
        f"warm: Q1 per second, {args.clients} clients",
        gateway.answered / gateway.warm_seconds,
        peer.answered / peer.warm_seconds,
        ".1f",
    )
    row(
        "warm: latency p50 (ms)",
        statistics.median(gateway.warm_latencies) * 1000,
        statistics.median(peer.warm_latencies) * 1000,
        ".0f",
    )
    row(
        "warm: upstream calls per Q1",
        gateway.warm_calls / (gateway.answered + gateway.failed),
        peer.warm_calls / (peer.answered + peer.failed),
        ".1f",
    )
    print(f"| warm: Q1 answered in full | {gateway.answered} | {peer.answered} | |")
    print(f"| warm: Q1 answered with errors | {gateway.failed} | {peer.failed} | |")
    for name, figures in results.items():
        if figures.failure:
            print(f"\nfirst failure of {name}: {figures.failure[:300]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latencies", type=float, nargs="+", default=[0.0, 0.02])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=20.0)
    args = parser.parse_args()
    mesh.build()
    for latency in args.latencies:
        table(run(latency, args), args)


if __name__ == "__main__":
    main()
