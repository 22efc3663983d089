"""Garbage-collector settings of the server process.

Executing a large answer allocates tens of thousands of short-lived containers; with Python's
default threshold (a collection every 700 net allocations) the collector ran about 36 times
per execution of a 10,000-object answer and took 15 % of its CPU time, walking the cache's
long-lived objects again and again (docs/benchmarks.md). Freezing what start-up created and
collecting the youngest generation every 50,000 net allocations instead brought that to none.
"""

from __future__ import annotations

import gc

# Net container allocations between collections of the youngest generation, and collections
# of each generation between collections of the next.
THRESHOLDS = (50_000, 20, 20)


def tune_collector() -> None:
    """Move every object alive now (modules, the schema, the app) out of the collector's
    sight for good, and collect less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
