"""The record of requests the simulator received, for tests and benchmarks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

_REDACTED_LENGTH = 16


@dataclass(frozen=True)
class RecordedCall:
    """One /v1 request as it arrived, with the status it was answered with."""

    method: str
    path: str
    """Percent-decoded, e.g. ``/v1/supplierInvoice``."""
    raw_path: str
    """Exactly as on the wire, without the query string."""
    params: dict[str, str]
    """Query parameters; the last value wins for repeated names."""
    authorization: str | None
    tenant_id: str | None
    status: int
    headers: dict[str, str]
    """Request headers with lowercase names."""
    body: Any = None
    """The decoded JSON request body; None when there was none (or it was not JSON)."""
    response_bytes: int = 0
    """The length of the response body it was answered with, for benchmarks' byte counts."""
    received_at: float = 0.0
    answered_at: float = 0.0
    """When it arrived and when its answer left (``time.monotonic``, latency included): which
    calls waited for which, for counting sequential round trips."""

    def redacted(self) -> dict[str, Any]:
        """A JSON-ready form in which the Authorization value is replaced by a hash prefix."""
        headers = dict(self.headers)
        if "authorization" in headers:
            headers["authorization"] = _fingerprint(headers["authorization"])
        return {
            "method": self.method,
            "path": self.path,
            "raw_path": self.raw_path,
            "params": dict(self.params),
            "authorization": None
            if self.authorization is None
            else _fingerprint(self.authorization),
            "tenant_id": self.tenant_id,
            "status": self.status,
            "headers": headers,
            "body": self.body,
            "response_bytes": self.response_bytes,
            "received_at": self.received_at,
            "answered_at": self.answered_at,
        }


def round_trips(calls: list[RecordedCall]) -> int:
    """The longest chain of calls each sent after the one before it was answered: how many
    sequential round trips the client waited for."""
    depth: list[int] = []
    ordered = sorted(calls, key=lambda c: c.received_at)
    for index, call in enumerate(ordered):
        before = [depth[i] for i in range(index) if ordered[i].answered_at <= call.received_at]
        depth.append(1 + max(before, default=0))
    return max(depth, default=0)


def _fingerprint(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()[:_REDACTED_LENGTH]


class CallRecorder:
    """Keeps calls in arrival order."""

    def __init__(self) -> None:
        self._calls: list[RecordedCall] = []

    def add(self, call: RecordedCall) -> None:
        self._calls.append(call)

    def snapshot(self) -> list[RecordedCall]:
        return list(self._calls)

    def clear(self) -> None:
        self._calls.clear()
