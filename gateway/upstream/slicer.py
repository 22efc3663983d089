"""Time slices of the event loop for CPU-heavy steps, so one big answer cannot freeze the rest.

Building a big answer is many small synchronous steps (converting records, and graphql-core
completing each object), and the steps of many resolvers often become ready in the same pass
of the event loop: run back to back they can hold the loop for seconds, while health checks
and other users' queries wait. Each step first takes a turn: within the first ``slice``
seconds of work in a pass it goes on, after that it waits for the next pass, in which the loop
has polled its sockets and run whatever else was waiting.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

SLICE_SECONDS = 0.02


class Slicer:
    """Shared by all operations of one event loop."""

    def __init__(
        self, slice_seconds: float = SLICE_SECONDS, clock: Callable[[], float] = time.perf_counter
    ) -> None:
        self.slice_seconds = slice_seconds
        self._clock = clock
        self._started: float | None = None

    async def turn(self) -> None:
        """Return at once while this pass of the loop has time left, else in a later pass
        that has."""
        while True:
            now = self._clock()
            if self._started is None:
                self._started = now
                asyncio.get_running_loop().call_soon(self._next_pass)
                return
            if now - self._started <= self.slice_seconds:
                return
            await asyncio.sleep(0)

    def _next_pass(self) -> None:
        self._started = None
