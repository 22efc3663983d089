"""Settings of one simulator instance."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx


@dataclass
class SimulatorConfig:
    """How the simulator behaves; fields may be changed while it runs (tests do).

    Resource names (for ``max_page_sizes`` and ``omit_metadata``) are ``supplier``,
    ``supplierInvoice``, ``purchaseOrder``, ``supplierPayment``, ``project``,
    ``projectTask``, ``inventory``, ``supplierLocation``, ``purchaseReceipt`` and
    ``supplierDocument``, compared case-insensitively.
    """

    hourly_budget: int = 15000
    window_seconds: float = 3600.0
    max_page_size: int = 1000
    max_page_sizes: dict[str, int] = field(default_factory=dict)
    """Per-resource overrides of ``max_page_size``."""
    omit_metadata: frozenset[str] = frozenset()
    """Resources whose list items carry no ``metadata`` (some Visma endpoints omit it)."""
    list_overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per-resource values written over every item of list answers, to play an upstream that
    sends what the spec allows but the gateway may not expect: ``{"metadata": {...}}`` keys
    replace those of ``metadata`` (``totalCount`` beyond int32, ``maxPageSize`` 0), other keys
    replace fields (an enum value Visma added later)."""
    latency_seconds: float = 0.0
    """Added to every /v1 response."""
    scale: int = 1
    """How many times its size each demo company is served (1 to 10): its suppliers and
    their invoices, orders and payments (company A at 10: 60,000 supplier invoices).
    A company is generated on its first use (company A at 10 takes about 25 s); fixed once
    the simulator has served."""
    location_origin: str | None = None
    """Origin written into the ``Location`` of created records instead of the request's own
    (tests use it to play an upstream that points elsewhere)."""
    location_shapes: tuple[str, ...] = ("absolute",)
    """The shapes of ``Location`` created records are answered with, used in turn (see
    ``gateway.simulator.locations``): ``absolute``, ``relative``, ``trailing-slash``,
    ``casing``, ``query`` or ``omit``."""
    background_polls: int = 2
    """State reads (``GET /v1/background/{id}``) a background job answers as not finished
    (``Queued``, then ``InProcess``) before it runs its write."""
    clock: Callable[[], float] = time.monotonic
    """Drives the rate-limit windows."""
    wall_clock: Callable[[], float] = time.time
    """Unix time, for token expiry."""
    webhook_url: str | None = None
    """Where writes send signed change notifications (none when unset)."""
    webhook_secret: str = field(default="", repr=False)
    """The signature key the notifications are signed with."""
    webhook_transport: httpx.AsyncBaseTransport | None = None
    """Replaces the network under webhook delivery (the demo posts to the gateway in-process)."""

    def page_limit(self, resource: str) -> int:
        """The maximum page size of a resource."""
        overrides = {name.lower(): size for name, size in self.max_page_sizes.items()}
        return overrides.get(resource.lower(), self.max_page_size)

    def overrides(self, resource: str) -> dict[str, Any]:
        lowered = {name.lower(): values for name, values in self.list_overrides.items()}
        return lowered.get(resource.lower(), {})

    def serves_metadata(self, resource: str) -> bool:
        return resource.lower() not in {name.lower() for name in self.omit_metadata}
