"""The response cache against execution, for an answer of about 10,000 objects.

Three timings of one selection (every supplier of company A with its invoices):

(a) the repeated query, answered from the response cache: the whole HTTP request through
    the gateway's ASGI app (httpx's ASGI transport, in-process, no network);
(b) a new selection over warm cached data: the same fields under a new operation name each
    time, so that it is parsed, validated and executed, with every upstream answer cached
    (the whole HTTP request, as (a); the client decodes and checks each answer untimed);
(c) graphql-core alone executing the same selection over plain dicts: the schema built
    from ``schema.graphql``, default resolvers, the answer's own data as the root value, the
    document parsed and validated once beforehand (only execution is timed).

Each figure is the median of ``--runs`` timings after warm-up (ten times as many for (a));
(c) runs once the gateway and its caches are gone. ``--gc tuned`` sets the collector as
``serve`` does (``gateway.gc_tuning``); ``--gc default`` leaves it as Python starts it.
Prints Markdown.

    python -m bench.response_cache [--runs 30] [--gc tuned|default]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from graphql import ExecutionResult, build_schema, execute, parse, validate

from gateway.app import create_app
from gateway.gc_tuning import tune_collector
from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, Simulator, demo_token

SELECTION = """{ suppliers(first: 170) { totalCount nodes { id number name status
  mainAddress { city } invoices(first: 100) { totalCount nodes {
    id referenceNumber documentType status date dueDate amount balance currencyId
    description lines { lineNumber description quantity cost } } } } } }"""
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def count_objects(value: Any) -> int:
    """JSON objects in ``value``."""
    if isinstance(value, dict):
        return 1 + sum(count_objects(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_objects(v) for v in value)
    return 0


async def median_seconds(
    run: Callable[[], Awaitable[httpx.Response]],
    runs: int,
    check: Callable[[httpx.Response], None] = lambda _: None,
) -> float:
    """The median time of ``run``; ``check`` reads each answer outside the timing (decoding
    1.5 MB of JSON in the client is no work of the gateway's)."""
    for _ in range(3):
        check(await run())
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        answer = await run()
        timings.append(time.perf_counter() - started)
        check(answer)
    return statistics.median(timings)


def reference_seconds(data: dict[str, Any], runs: int) -> float:
    """graphql-core executing SELECTION over ``data`` as plain dicts."""
    schema = build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))
    document = parse(SELECTION)
    assert not validate(schema, document)

    def run() -> ExecutionResult:
        result = execute(schema, document, root_value=data)
        assert isinstance(result, ExecutionResult) and not result.errors
        return result

    assert run().data == data
    for _ in range(3):
        run()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


async def gateway_seconds(runs: int, collector: str) -> tuple[dict[str, Any], float, float]:
    """The answer's data, and the median seconds of (a) and (b)."""
    settings = Settings(max_operation_objects=200000, max_operation_calls=1000)
    app = create_app(settings, upstream_transport=httpx.ASGITransport(app=Simulator().app))
    if collector == "tuned":
        tune_collector()  # as ``serve`` does once the app is built
    headers = {"Authorization": f"Bearer {demo_token(COMPANY_A_TENANT)}"}
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client,
    ):

        async def send(query: str) -> httpx.Response:
            response = await client.post("/graphql", json={"query": query}, headers=headers)
            assert response.status_code == 200
            return response

        def body(response: httpx.Response) -> dict[str, Any]:
            decoded: dict[str, Any] = response.json()
            assert "errors" not in decoded, decoded["errors"]
            return decoded

        data = body(await send(SELECTION))["data"]
        # A hit takes milliseconds: ten times the samples steady its median on a busy machine.
        repeated = await median_seconds(lambda: send(SELECTION), 10 * runs)
        assert body(await send(SELECTION))["extensions"]["responseCache"] == "hit"
        names = iter(range(10**9))

        def executed_from_cache(response: httpx.Response) -> None:
            answer = body(response)
            assert answer["extensions"]["upstream"]["calls"] == 0
            assert answer["extensions"]["responseCache"] == "miss"

        executed = await median_seconds(
            lambda: send(f"query Selection{next(names)} {SELECTION}"), runs, executed_from_cache
        )
    return data, repeated, executed


async def main(runs: int, collector: str) -> None:
    data, repeated, executed = await gateway_seconds(runs, collector)
    gc.collect()  # the gateway and its caches are gone: graphql-core runs in a small heap
    reference = reference_seconds(data, runs)
    print(
        f"Answer of {count_objects(data)} objects, median of {runs} runs, "
        f"garbage collector {collector}\n"
    )
    print("| what | time (ms) | / graphql-core |")
    print("|---|---:|---:|")
    for label, seconds in (
        ("(a) repeated query, from the response cache (whole HTTP request)", repeated),
        ("(b) new selection over warm cached data (executed)", executed),
        ("(c) graphql-core executing it over plain dicts", reference),
    ):
        print(f"| {label} | {seconds * 1000:.2f} | {seconds / reference:.3f} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--gc", choices=("tuned", "default"), default="tuned")
    args = parser.parse_args()
    asyncio.run(main(args.runs, args.gc))
