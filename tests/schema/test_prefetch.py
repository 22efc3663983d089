"""A nested list's probe sent with its parents' page (schema/prefetch.py), counted from the
simulator's record: a cold Q1 waits for two sequential round trips, and nothing is read
ahead that the planner would not read."""

from __future__ import annotations

from gateway.settings import Settings
from gateway.simulator import Simulator, SimulatorConfig
from gateway.simulator.recording import round_trips
from tests.conftest import running
from tests.upstream.test_batching import Q1


async def test_a_cold_q1_waits_for_two_round_trips() -> None:
    # Latency well above the gateway's own work between calls, so that waiting shows.
    sim = Simulator(SimulatorConfig(latency_seconds=0.3))
    async with running(sim, Settings()) as gateway:
        result = await gateway.query(Q1)

    assert "errors" not in result
    calls = sim.calls
    assert round_trips(calls) == 2
    # The parents' page and the first page of each nested list went out together.
    first_round = [c.path for c in calls if c.params.get("pageNumber") == "1"]
    assert sorted(first_round) == sorted(
        ["/v1/supplier", "/v1/supplierInvoice", "/v1/purchaseorder", "/v1/supplierPayment"]
    )
    assert len({(c.path, c.params.get("pageNumber")) for c in calls}) == len(calls)


async def test_one_parent_or_a_filtered_list_is_not_read_ahead() -> None:
    sim = Simulator()
    async with running(sim, Settings()) as gateway:
        one = await gateway.query(
            "{ suppliers(first: 1) { nodes { number invoices(first: 5) { totalCount } } } }"
        )
        number = one["data"]["suppliers"]["nodes"][0]["number"]
        one_calls = [(c.path, dict(c.params)) for c in sim.calls]
        sim.reset_calls()
        filtered = await gateway.query(
            """{ suppliers(first: 5) { nodes { number
                 invoices(first: 5, filter: {status: OPEN}) { totalCount } } } }"""
        )

    assert "errors" not in one and "errors" not in filtered
    # One supplier: its own invoices only, never the whole collection's first page.
    assert [path for path, _ in one_calls] == ["/v1/supplier", "/v1/supplierInvoice"]
    assert one_calls[1][1]["supplier"] == number
    # With a filter of its own the list's probe is the planner's to send, once.
    pages = [c for c in sim.calls if c.path == "/v1/supplierInvoice" and "supplier" not in c.params]
    assert len({tuple(sorted(c.params.items())) for c in pages}) == len(pages)
