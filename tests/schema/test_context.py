"""What an operation read is let go when the operation is over (``Context.release``)."""

from __future__ import annotations

import gc

from gateway.settings import Settings
from gateway.simulator import Simulator
from tests.conftest import running
from tests.upstream.test_batching import Q1


async def test_the_pages_an_operation_read_are_freed_when_it_is_over(sim: Simulator) -> None:
    """With a cache that keeps nothing, nothing should keep Q1's pages once it has been
    answered. graphql-core's execution context sits in a reference cycle that holds the
    operation's context, so whatever the context still held (the session's answers, the
    loaders' windows, the planner's first pages) was left for the cycle collector: some
    35,000 objects per cold Q1, freed by a collection of the older generations that took
    most of a second."""
    async with running(sim, Settings(cache_max_bytes=1)) as gateway:
        # The token's proof and whatever the first operation of a process sets up (and
        # earlier tests left to be freed then) are not what is measured: with a cache that
        # keeps nothing, a second Q1 is as cold as the first.
        await gateway.query(Q1)
        sim.reset_calls()
        gc.collect()
        gc.disable()
        try:
            body = await gateway.query("query Again " + Q1)  # not the first's cached answer
            left_in_cycles = gc.collect()
        finally:
            gc.enable()
    assert "errors" not in body, body
    pages = [
        call
        for call in gateway.calls()
        if call.path == "/v1/supplierInvoice" and call.params.get("pageSize") == "1000"
    ]
    assert len(pages) >= 5  # some five thousand invoices read, with their lines and parts
    # What is left is the operation's own bookkeeping, not one object per record read.
    assert left_in_cycles < 5000, left_in_cycles
