"""Where the gateway's CPU goes on a warm Q1: cProfile over repeated warm queries.

The simulator runs in its own process (no added latency); the gateway runs in this process,
called through ``httpx.ASGITransport``, so the profile holds the gateway and the client's
side of the in-process transport, not the simulator. One cold Q1 fills the caches; the
profile covers the next ``--runs`` Q1s of the same user, each under a new operation name so
that it executes over the cached data (``--repeated``: the same document each time, answered
by the response cache). Prints the wall time per warm Q1 and the functions with the most
cumulative time.

    python -m bench.profile_q1 [--runs 20] [--top 15] [--repeated]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import time

import httpx

from bench.peers import simulator
from bench.q1 import Q1
from gateway.app import create_app
from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, demo_token


async def profile(url: str, runs: int, repeated: bool) -> tuple[cProfile.Profile, float]:
    app = create_app(Settings(visma_api_url=url))
    headers = {"Authorization": f"Bearer {demo_token(COMPANY_A_TENANT)}"}
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://gw") as client,
    ):

        async def q1(name: str) -> None:
            query = Q1 if repeated else f"query {name} {Q1}"
            response = await client.post("/graphql", json={"query": query}, headers=headers)
            body = response.json()
            assert "errors" not in body, body["errors"]
            assert body["extensions"]["upstream"]["calls"] == 0 or name == "Cold"

        await q1("Cold")
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for run in range(runs):
            await q1(f"Warm{run}")
        profiler.disable()
        return profiler, (time.perf_counter() - started) / runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--repeated", action="store_true", help="the same document each time")
    args = parser.parse_args()
    with simulator(0.0) as url:
        profiler, per_query = asyncio.run(profile(url, args.runs, args.repeated))
    how = "repeated (response cache)" if args.repeated else "executed over cached data"
    print(f"warm Q1, {how}: {per_query * 1000:.1f} ms each under the profiler, {args.runs} runs\n")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
