"""Writes through Visma's background API: sent with ``erp-api-background: none``, answered
202 with a request id, and followed through ``GET /v1/background/{id}`` for a while.

A job that finishes within the wait is answered as the write would have been (its failure
translated like any upstream answer); one still ``Queued`` or ``InProcess`` is reported as
it stands, never as done.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import orjson

from gateway.errors import UpstreamError, from_upstream_response
from gateway.upstream import paths

BACKGROUND_HEADER = "erp-api-background"
_POLL_SECONDS = 0.2
_RUNNING = frozenset({"queued", "inprocess", "running", "started", "new"})

Get = Callable[[str], Awaitable[httpx.Response]]


@dataclass(frozen=True)
class JobState:
    """A background job as Visma last reported it (``BackgroundRequestStateDto``)."""

    id: str
    status: str
    status_code: int | None = None
    received: str | None = None
    started: str | None = None
    finished_at: str | None = None
    error: str | None = None

    @property
    def finished(self) -> bool:
        """Visma says the job ran (``Queued`` and ``InProcess`` jobs have not)."""
        return self.status.casefold() not in _RUNNING and self.status_code is not None

    @property
    def succeeded(self) -> bool:
        return self.finished and self.status_code is not None and 200 <= self.status_code < 300


async def follow(accepted: httpx.Response, wait: float, get: Get, resource: str) -> JobState | None:
    """Read the job ``accepted`` (a 202) names until it finishes or ``wait`` seconds pass:
    None when it succeeded, its state when it is still running; its failure raised."""
    job_id = _text(job_body(accepted).get("id"))
    if job_id is None:
        raise UpstreamError(f"Visma.net queued the write to {resource} without a request id")
    path = state_path(job_id)
    deadline = time.monotonic() + wait
    while True:
        state = job_state(job_id, job_body(await get(path)))
        if state.finished:
            if state.succeeded:
                return None
            body = orjson.dumps({"message": state.error or state.status})
            raise from_upstream_response(state.status_code or 500, body, {}, resource)
        left = deadline - time.monotonic()
        if left <= 0:
            return state
        await asyncio.sleep(min(_POLL_SECONDS, left))


def job_state(job_id: str, data: dict[str, Any]) -> JobState:
    """A ``BackgroundRequestStateDto`` as a ``JobState``."""
    code = data.get("statusCode")
    return JobState(
        id=_text(data.get("id")) or job_id,
        status=_text(data.get("status")) or "Queued",
        status_code=code if isinstance(code, int) and not isinstance(code, bool) else None,
        received=_text(data.get("receivedUtc")),
        started=_text(data.get("startedUtc")),
        finished_at=_text(data.get("finishedUtc")),
        error=_text(data.get("errorMessage")),
    )


def state_path(job_id: str) -> str:
    return paths.build("/v1/background/{}", job_id)


def job_body(response: httpx.Response) -> dict[str, Any]:
    """The JSON object an answer of the background API carries; UPSTREAM_ERROR otherwise."""
    try:
        data = orjson.loads(response.content)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise UpstreamError("Visma.net answered the background API with something unreadable")
    return data


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
