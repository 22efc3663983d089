"""The typed per-request context every resolver receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import strawberry

from gateway.credentials import Credentials
from gateway.events.broker import Broker
from gateway.settings import Settings
from gateway.upstream.batching import Loaders
from gateway.upstream.idempotency import Idempotency
from gateway.upstream.session import UpstreamSession
from gateway.upstream.slicer import Slicer


@dataclass
class Context:
    """What one GraphQL operation works with: the caller's credentials, its upstream session
    (token, counters, memo), its DataLoaders, the broker its subscriptions listen to and the
    idempotency records its keyed mutations claim and the slicer its CPU-heavy steps take
    turns with."""

    settings: Settings
    credentials: Credentials
    upstream: UpstreamSession
    loaders: Loaders
    broker: Broker
    idempotency: Idempotency
    slicer: Slicer
    estimated_calls: int | None = None
    # Values the schema could not carry as Visma sent them (reported in extensions.warnings).
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def release(self) -> None:
        """Let go of what the operation read, once it is over. graphql-core's execution
        context sits in a reference cycle that holds this context: without this, the pages a
        cold operation read (in the session's memo and the loaders) outlived the cache's hold
        on them until the collector's next pass over older objects, which then took most of a
        second to free them (docs/benchmarks.md). Both stay usable; they start empty."""
        self.upstream.release()
        self.loaders.release()


Info = strawberry.Info[Context, None]
