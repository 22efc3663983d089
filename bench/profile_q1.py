"""Where the gateway's CPU goes on a warm Q1: cProfile over repeated warm queries.

The simulator runs in its own process (no added latency); the gateway runs in this process,
called through ``httpx.ASGITransport``, so the profile holds the gateway and the client's
side of the in-process transport, not the simulator. One cold Q1 fills the caches; the
profile covers the next ``--runs`` Q1s of the same user. Prints the wall time per warm Q1 and
the functions with the most cumulative time.

    python -m bench.profile_q1 [--runs 20] [--top 15]
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


async def profile(url: str, runs: int) -> tuple[cProfile.Profile, float]:
    app = create_app(Settings(visma_api_url=url))
    headers = {"Authorization": f"Bearer {demo_token(COMPANY_A_TENANT)}"}
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://gw") as client,
    ):

        async def q1() -> None:
            response = await client.post("/graphql", json={"query": Q1}, headers=headers)
            body = response.json()
            assert "errors" not in body, body["errors"]

        await q1()
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(runs):
            await q1()
        profiler.disable()
        return profiler, (time.perf_counter() - started) / runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    with simulator(0.0) as url:
        profiler, per_query = asyncio.run(profile(url, args.runs))
    print(f"warm Q1: {per_query * 1000:.0f} ms each under the profiler, {args.runs} runs\n")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
