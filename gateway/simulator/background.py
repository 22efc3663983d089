"""Visma's background API: a write sent with ``erp-api-background`` is answered 202 with
``BackgroundApiAcceptedDto {id, stateLocation}`` and runs later; ``GET /v1/background/{id}``
answers ``BackgroundRequestStateDto``.

A job answers ``Queued`` at its first state read, ``InProcess`` while
``SimulatorConfig.background_polls`` reads have not passed, and then runs the write and
answers ``Succeeded`` or ``Failed`` with the write's ``statusCode`` (and ``errorMessage``).
Nothing is written before the job runs. Jobs are the caller's company's own: another
company's read gets 403, an unknown id 404.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from starlette.responses import Response

from gateway.simulator.errors import ApiError, upstream_message_of, visma_message
from gateway.simulator.responses import OrjsonResponse


@dataclass
class Job:
    id: str
    tenant: str
    original_uri: str
    run: Callable[[], Response]
    received: str
    reads: int = 0
    status: str = "Queued"
    status_code: int | None = None
    started: str | None = None
    finished: str | None = None
    error: str | None = None


class Background:
    """The jobs of one simulator instance."""

    def __init__(self, polls: Callable[[], int], clock: Callable[[], float]) -> None:
        self._polls = polls
        self._clock = clock
        self._jobs: dict[str, Job] = {}

    def accept(
        self, tenant: str, origin: str, original_uri: str, run: Callable[[], Response]
    ) -> Response:
        """Queue ``run`` and answer 202 with the job's id and state location."""
        job = Job(str(uuid.uuid4()), tenant, original_uri, run, self._now())
        self._jobs[job.id] = job
        body = {"id": job.id, "stateLocation": f"{origin}/v1/background/{job.id}"}
        return OrjsonResponse(body, status_code=202)

    def state(self, tenant: str, job_id: str) -> Response:
        """The job's state, advanced by this read."""
        job = self._jobs.get(job_id)
        if job is None:
            raise ApiError(404, visma_message("No background operation state was found."))
        if job.tenant != tenant:
            raise ApiError(
                403, visma_message("The state request was not done by the same company.")
            )
        self._advance(job)
        return OrjsonResponse(_dto(job))

    def _advance(self, job: Job) -> None:
        job.reads += 1
        if job.finished is not None or job.reads == 1:
            return
        if job.started is None:
            job.status, job.started = "InProcess", self._now()
        if job.reads <= self._polls():
            return
        try:
            response = job.run()
        except ApiError as error:
            job.status, job.status_code = "Failed", error.status
            job.error = upstream_message_of(error.body)
        else:
            job.status, job.status_code = "Succeeded", response.status_code
        job.finished = self._now()

    def _now(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def _dto(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "status": job.status,
        "statusCode": job.status_code,
        "receivedUtc": job.received,
        "startedUtc": job.started,
        "finishedUtc": job.finished,
        "webhookAddress": None,
        "errorMessage": job.error,
        "reference": None,
        "originalUri": job.original_uri,
        "hasResponseContent": False,
        "hasRequestContent": False,
        "contentLocation": None,
        "responseHeaders": {},
    }
