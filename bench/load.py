"""Load test: 50 clients for 60 s against a rate budget far below their demand.

Everything runs on loopback: the simulator, one or two gateway processes (two share a
redis-server), and the clients in this process. The run is bounded in time (``--duration``)
and in requests (``--max-requests``). It reports what the clients saw (HTTP statuses, codes of
refused fields, whether each RATE_LIMITED carried ``retryAfter``) and what Visma saw (calls
and 429s per company, against the hourly budget). Prints Markdown.

With ``--proxy nginx`` the two replicas stand behind Debian's nginx with the compose file's
config (``bench.proxy``): the clients and the simulator's webhooks go through it, and one
subscription is held open through it for the whole run, checked with a write before the load
and a webhook after it. With ``--adversaries N``, N hostile clients (``bench.adversaries``) run
next to the normal ones, whose figures stay apart; what each attack got is added.

    python -m bench.load [--duration 60] [--clients 50] [--budget 300] [--replicas 1|2|both]
                         [--proxy none|nginx] [--adversaries 0]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

import httpx

from bench.adversaries import KINDS, AttackTally, adversary
from bench.proxy import free_port, nginx
from bench.subscription import SubscriptionResult, describe_event, subscribed
from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, demo_token
from schema.pagination import encode_cursor

WEBHOOK_SECRET = "bench-webhook-secret"

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
def process(
    args: list[str], env: dict[str, str], ready_url: str
) -> Iterator[subprocess.Popen[bytes]]:
    child = subprocess.Popen(  # noqa: S603 - our own commands, fixed arguments
        args,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(ready_url)
        yield child
    finally:
        child.terminate()
        child.wait(timeout=15)


@dataclass
class Tally:
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    rate_limited_without_retry_after: int = 0
    answered: int = 0
    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0


async def client(
    gateways: list[str], tokens: list[str], until: float, budget: list[int], tally: Tally, seed: int
) -> None:
    rng = random.Random(seed)
    # Longer than the proxy's read timeout, so that a slow answer shows as its status.
    async with httpx.AsyncClient(timeout=120) as http:
        while time.monotonic() < until and budget[0] > 0:
            budget[0] -= 1
            query = (
                rng.choice(QUERIES)
                .replace("$N", str(10001 + rng.randrange(240)))
                .replace("$CURSOR", encode_cursor(20 * rng.randrange(1, 10) - 1))
            )
            started = time.monotonic()
            try:
                response = await http.post(
                    rng.choice(gateways) + "/graphql",
                    json={"query": query},
                    headers={"Authorization": f"Bearer {rng.choice(tokens)}"},
                )
            except httpx.TransportError as failure:
                tally.transport_errors[type(failure).__name__] += 1
                continue
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


def usage(child: subprocess.Popen[bytes]) -> str:
    """The process's peak resident memory (VmHWM) and CPU time (user and system) so far."""
    with open(f"/proc/{child.pid}/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    with open(f"/proc/{child.pid}/stat") as stat:
        ticks = sum(int(n) for n in stat.read().rsplit(")", 1)[1].split()[11:13])
    return f"{peak / 1024:.0f} MB peak, {ticks / os.sysconf('SC_CLK_TCK'):.0f} s CPU"


async def drive(
    gateways: list[str],
    clients: int,
    duration: float,
    max_requests: int,
    adversaries: int = 0,
    attacks: AttackTally | None = None,
) -> Tally:
    tokens = [
        demo_token(tenant, subject=f"user-{i}")
        for tenant in (COMPANY_A_TENANT, COMPANY_B_TENANT)
        for i in range(5)
    ]
    tally = Tally()
    until = time.monotonic() + duration
    budget = [max_requests]
    started = time.monotonic()
    hostile = [
        adversary(gateways[i % len(gateways)], KINDS[i % len(KINDS)], until, attacks, i)
        for i in range(adversaries)
        if attacks is not None
    ]
    await asyncio.gather(
        *(client(gateways, tokens, until, budget, tally, seed) for seed in range(clients)),
        *hostile,
    )
    tally.elapsed = time.monotonic() - started
    return tally


async def drive_through_proxy(
    proxy_url: str,
    sim_url: str,
    clients: int,
    duration: float,
    max_requests: int,
    adversaries: int,
    attacks: AttackTally,
) -> tuple[Tally, SubscriptionResult]:
    """The load, with a subscription open through the proxy from before it to after it."""
    token = demo_token(COMPANY_A_TENANT, subject="subscriber")
    result = SubscriptionResult()
    async with (
        subscribed(proxy_url.replace("http", "ws", 1) + "/graphql", token) as subscription,
        httpx.AsyncClient(timeout=60) as http,
    ):
        written_at = time.monotonic()
        written = await http.post(
            proxy_url + "/graphql",
            json={
                "query": 'mutation { updateSupplier(number: "10003", '
                'input: {name: "Through the proxy AS"}) { supplier { name } } }'
            },
            headers={"Authorization": f"Bearer {token}"},
        )
        if written.json().get("errors"):
            raise RuntimeError(f"the write through the proxy failed: {written.text}")
        result.after_write = describe_event(
            await subscription.next_after(written_at, 10), written_at
        )
        tally = await drive([proxy_url], clients, duration, max_requests, adversaries, attacks)
        triggered_at = time.monotonic()
        await http.post(
            sim_url + "/_simulator/webhooks/trigger",
            json={"tenant": COMPANY_A_TENANT, "entity": "supplier", "number": "10001"},
        )
        result.after_run = describe_event(
            await subscription.next_after(triggered_at, 20), triggered_at
        )
        result.closed = subscription.closed
    return tally, result


def run(replicas: int, args: argparse.Namespace) -> None:
    sim_port = free_port()
    sim_url = f"http://127.0.0.1:{sim_port}"
    python = sys.executable
    proxy_port = free_port() if args.proxy == "nginx" and replicas > 1 else None
    webhooks = ["--webhook-url", f"http://127.0.0.1:{proxy_port}/webhooks/visma"]
    load_before = os.getloadavg()[0]
    attacks = AttackTally()
    with ExitStack() as stack:
        simulator = stack.enter_context(
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
                    *(webhooks if proxy_port else []),
                ],
                {"GATEWAY_WEBHOOK_SECRET": WEBHOOK_SECRET},
                f"{sim_url}/_simulator/health",
            )
        )
        env = {
            "VISMA_API_URL": sim_url,
            "GATEWAY_LOG_LEVEL": "WARNING",
            "GATEWAY_WEBHOOK_SECRET": WEBHOOK_SECRET,
        }
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
        children = []
        for _ in range(replicas):
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            children.append(
                stack.enter_context(
                    process(
                        [python, "-m", "gateway", "serve", "--port", str(port)],
                        env,
                        f"{url}/healthz",
                    )
                )
            )
            gateways.append(url)
        subscription: SubscriptionResult | None = None
        if proxy_port is None:
            tally = asyncio.run(
                drive(
                    gateways,
                    args.clients,
                    args.duration,
                    args.max_requests,
                    args.adversaries,
                    attacks,
                )
            )
        else:
            replica_addresses = [url.removeprefix("http://") for url in gateways]
            proxy = stack.enter_context(nginx(replica_addresses, port=proxy_port))
            tally, subscription = asyncio.run(
                drive_through_proxy(
                    proxy.url,
                    sim_url,
                    args.clients,
                    args.duration,
                    args.max_requests,
                    args.adversaries,
                    attacks,
                )
            )
            per_replica = proxy.replicas_used()
            proxy_errors = Counter(
                # "<date> <time> [error] <pid>#<tid>: *<conn> <message>, client: ..."
                line.split(": ", 1)[-1].split(", client")[0].split(" ", 1)[-1]
                for line in proxy.error_log().splitlines()
                if "[error]" in line
            )
        elapsed = tally.elapsed
        peaks = [f"gateway {usage(c)}" for c in children] + [f"simulator {usage(simulator)}"]
        calls = httpx.get(f"{sim_url}/_simulator/calls", timeout=30).json()
    per_tenant = Counter(c["tenant_id"] for c in calls)
    throttled = sum(1 for c in calls if c["status"] == 429)
    refused = sum(1 for c in calls if c["status"] == 401)
    requests = sum(tally.statuses.values())
    print(
        f"\n### {replicas} gateway replica{'s' if replicas > 1 else ''}"
        f"{' sharing one redis-server' if replicas > 1 else ''}"
        f"{' behind nginx (deploy/nginx/gateway.conf)' if subscription else ''}\n"
    )
    print(
        f"- {args.clients} clients and {args.adversaries} adversaries, {elapsed:.0f} s, "
        f"{requests} GraphQL requests of the normal clients "
        f"({requests / elapsed:.0f}/s), hourly budget {args.budget} calls per company; "
        f"load average of the machine {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    print(
        f"- HTTP statuses to the normal clients: {dict(sorted(tally.statuses.items()))}; "
        f"5xx: {sum(n for s, n in tally.statuses.items() if s >= 500)}; "
        f"no answer: {dict(tally.transport_errors) or 0}"
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
        f"429s: {throttled} ({100 * throttled / max(1, len(calls)):.2f}%); refused with 401 "
        f"(forged tokens, counted for no company): {refused}"
    )
    print(
        "- processes (resident memory, CPU time): "
        + "; ".join(peaks)
        + f"; the clients' own process: {time.process_time():.0f} s CPU"
    )
    for line in attacks.lines():
        print(line)
    held = {
        name: per_tenant.get(tenant, 0) <= args.budget
        for name, tenant in (("A", COMPANY_A_TENANT), ("B", COMPANY_B_TENANT))
    }
    print(
        f"- budget of {args.budget} calls held: "
        + ", ".join(f"company {name} {'yes' if ok else 'NO'}" for name, ok in held.items())
    )
    if subscription is not None:
        print(
            "- requests per replica through nginx (queries, the write, webhooks, the "
            f"websocket): {dict(sorted(per_replica.items()))}"
        )
        print(f"- errors in nginx's log: {dict(proxy_errors.most_common()) or 0}")
        connection = f"ended: {subscription.closed}" if subscription.closed else "open throughout"
        print(
            f"- subscription through nginx: the write before the load: {subscription.after_write}"
            f"; a webhook after the {elapsed:.0f} s run: {subscription.after_run}; "
            f"connection {connection}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--budget", type=int, default=300)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument(
        "--adversaries",
        type=int,
        default=0,
        help="hostile clients next to the normal ones, one kind of attack each (bench.adversaries)",
    )
    parser.add_argument("--replicas", choices=["1", "2", "both"], default="both")
    parser.add_argument(
        "--proxy",
        choices=["none", "nginx"],
        default="none",
        help="put the two replicas behind nginx with deploy/nginx/gateway.conf",
    )
    args = parser.parse_args()
    for replicas in (1, 2) if args.replicas == "both" else (int(args.replicas),):
        run(replicas, args)


if __name__ == "__main__":
    main()
