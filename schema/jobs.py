"""Background jobs as nodes: a write Visma.net's background API runs (a queued release),
read again by ``node(id:)`` or ``Query.backgroundJob(id:)``, or followed by the subscription
``backgroundJobChanged``.

A job's global id names Visma's request id and the record the write is about, so a job that
has succeeded answers that record: read fresh, after the cache entries the write changed
were made unreachable (once per job on a replica; the mutation could not do it, as the
write had not run yet when it answered).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
from collections import OrderedDict
from collections.abc import AsyncGenerator
from datetime import datetime

import strawberry

from gateway.errors import BadUserInput
from gateway.resources.declaration import RecordKey, Resource
from gateway.resources.registry import BY_NAME
from gateway.upstream.background import JobState
from gateway.upstream.session import Item, UpstreamSession
from gateway.upstream.writes import invalidate, read_fresh, read_job
from schema.context import Info
from schema.records import ENGINE_TYPES
from schema.types.node import Node
from schema.types.values import parse_datetime

_TYPE = "BackgroundJob"
# How often the subscription asks Visma for a job's state (each ask is one call).
POLL_SECONDS = 1.0
# Jobs whose success this replica has already made the cache forget, newest last.
_SETTLED_MAX = 4096
_settled: OrderedDict[str, None] = OrderedDict()


def encode_job_id(job_id: str, resource: Resource, key: RecordKey) -> strawberry.ID:
    """The global id of the job ``job_id`` writing the record of ``resource`` with ``key``."""
    raw = f"{_TYPE}:{json.dumps([job_id, resource.name, *key], separators=(',', ':'))}"
    return strawberry.ID(base64.urlsafe_b64encode(raw.encode()).rstrip(b"=").decode())


def decode_job_id(node_id: str) -> tuple[str, Resource, RecordKey] | None:
    """Visma's request id, the resource and the key a job's global id names; None for any
    other id."""
    try:
        raw = base64.urlsafe_b64decode(node_id + "=" * (-len(node_id) % 4)).decode()
        name, sep, body = raw.partition(":")
        parts = json.loads(body) if sep and name == _TYPE else None
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(parts, list) or len(parts) < 3:
        return None
    if not all(isinstance(part, str) and part for part in parts):
        return None
    job_id, resource_name, *key = parts
    resource = BY_NAME.get(resource_name)
    if resource is None or resource.record_path is None or len(key) != resource.key_parts:
        return None
    return job_id, resource, tuple(key)


@strawberry.type(
    description="A write Visma.net's background API runs (an action sent with "
    "GATEWAY_BACKGROUND_WAIT that had not finished when its mutation answered). Read it "
    "again with `node(id:)` or `backgroundJob(id:)`, or follow it with the subscription "
    "`backgroundJobChanged`; once it has succeeded, `record` is the record it wrote."
)
class BackgroundJob(Node):
    state: strawberry.Private[JobState]
    resource: strawberry.Private[Resource]
    key: strawberry.Private[RecordKey]
    # The record, when read already (a subscription reads it with its event's own session).
    written: strawberry.Private[Item | None] = None

    @strawberry.field(description="Opaque, stable global id; `node(id:)` reads the job again.")
    def id(self) -> strawberry.ID:
        return encode_job_id(self.state.id, self.resource, self.key)

    @strawberry.field(description="Visma.net's request id of the job.")
    def request_id(self) -> str:
        return self.state.id

    @strawberry.field(
        description="As Visma reports it: `Queued`, `InProcess`, then `Succeeded` or `Failed`."
    )
    def status(self) -> str:
        return self.state.status

    @strawberry.field(description="The HTTP status of the write, once it ran.")
    def status_code(self) -> int | None:
        return self.state.status_code

    @strawberry.field(description="When Visma received the write.")
    def received_utc(self) -> datetime | None:
        return parse_datetime(self.state.received)

    @strawberry.field(description="When Visma started running it.")
    def started_utc(self) -> datetime | None:
        return parse_datetime(self.state.started)

    @strawberry.field(description="When it finished.")
    def finished_utc(self) -> datetime | None:
        return parse_datetime(self.state.finished_at)

    @strawberry.field(description="Why the write failed, if it did.")
    def error_message(self) -> str | None:
        return self.state.error

    @strawberry.field(
        description="The record the job wrote, as it stands now; null until the job has "
        "succeeded (and when the record is gone)."
    )
    async def record(self, info: Info) -> Node | None:
        if not self.state.succeeded:
            return None
        record = self.written
        if record is None:
            session = info.context.upstream
            await settle(session, self.state, self.resource)
            record, _ = await read_fresh(session, self.resource, self.key)
            info.context.loaders.records(self.resource).prime(self.key, record, force=True)
        view: Node = ENGINE_TYPES[self.resource.name](_data=record)
        return view


async def settle(session: UpstreamSession, state: JobState, resource: Resource) -> None:
    """Once ``state`` has succeeded, the cached entries its write changed are stale: make
    them unreachable, once per job on this replica."""
    if not state.succeeded or state.id in _settled:
        return
    await invalidate(session, (resource.kind, *resource.invalidates))
    _settled[state.id] = None
    while len(_settled) > _SETTLED_MAX:
        _settled.popitem(last=False)


async def read(info: Info, node_id: str) -> BackgroundJob | None:
    """The job a global id names, as Visma now reports it; None when Visma knows no such job."""
    decoded = decode_job_id(node_id)
    if decoded is None:
        raise BadUserInput(f"Unknown job id {node_id[:60]!r}: pass a `backgroundJob.id`")
    job_id, resource, key = decoded
    state = await read_job(info.context.upstream, job_id)
    if state is None:
        return None
    await settle(info.context.upstream, state, resource)
    return BackgroundJob(state=state, resource=resource, key=key)


JOB_ID = strawberry.argument(description="The job's global id (`backgroundJob.id`).")


async def job_changes(info: Info, id: str) -> AsyncGenerator[BackgroundJob | None, None]:
    """The job each time Visma reports it in another state, until it has finished (then
    with its record); null once if Visma knows no such job."""
    decoded = decode_job_id(id)
    if decoded is None:
        raise BadUserInput(f"Unknown job id {id[:60]!r}: pass a `backgroundJob.id`")
    job_id, resource, key = decoded
    context = info.context
    last: tuple[str, int | None] | None = None
    while True:
        session = context.upstream.upstream.session(context.credentials)
        state = await read_job(session, job_id)
        if state is None:
            yield None
            return
        if (state.status, state.status_code) != last:
            last = (state.status, state.status_code)
            written = None
            if state.succeeded:
                await settle(session, state, resource)
                written, _ = await read_fresh(session, resource, key)
            yield BackgroundJob(state=state, resource=resource, key=key, written=written)
        if state.finished:
            return
        await asyncio.sleep(POLL_SECONDS)
