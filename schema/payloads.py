"""Mutation payloads: the record written, the caller's ``userErrors`` and ``clientMutationId``.

Failures a caller can act on (its input refused by the gateway or by Visma, a record not
found, a version that no longer matches, an idempotency key reused) are answered inside the
payload as ``userErrors`` with the record null, so one failing mutation of a document leaves
the others' answers whole. Anything else (Visma down, timeouts, the call budget) stays a
top-level error with ``extensions.code``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from gateway.errors import BadUserInput, Conflict, GatewayError, NotFound
from gateway.upstream.background import JobState
from schema.types.values import parse_datetime

# The codes answered as userErrors; every other error of a mutation is top-level.
USER_ERROR_CODES = frozenset({BadUserInput.code, NotFound.code, Conflict.code})


@strawberry.type(description="Why a mutation did not write: something the caller can change.")
class UserError:
    message: str = strawberry.field(description="What went wrong, in words for a person.")
    field: list[str] | None = strawberry.field(
        description='Path to the argument or input field at fault (`["input", "lines", '
        '"0", "quantity"]`), when the failure names one.'
    )
    code: str = strawberry.field(
        description="The error code: BAD_USER_INPUT, NOT_FOUND or CONFLICT (docs/errors.md)."
    )


@strawberry.type(
    description="A write Visma.net's background API has accepted and not finished yet "
    "(GATEWAY_BACKGROUND_WAIT); `Query.backgroundJob(id:)` reads it again."
)
class BackgroundJob:
    id: str = strawberry.field(description="Visma's request id of the job.")
    status: str = strawberry.field(
        description="As Visma reports it: `Queued`, `InProcess`, then `Succeeded` or `Failed`."
    )
    status_code: int | None = strawberry.field(
        description="The HTTP status of the write, once it ran."
    )
    received_utc: datetime | None
    started_utc: datetime | None
    finished_utc: datetime | None
    error_message: str | None = strawberry.field(description="Why the write failed, if it did.")

    @staticmethod
    def from_state(state: JobState) -> BackgroundJob:
        return BackgroundJob(
            id=state.id,
            status=state.status,
            status_code=state.status_code,
            received_utc=parse_datetime(state.received),
            started_utc=parse_datetime(state.started),
            finished_utc=parse_datetime(state.finished_at),
            error_message=state.error,
        )


def user_error(error: GatewayError) -> UserError:
    """``error`` as a ``UserError``; its ``field`` detail (``input.lines.0.quantity``) split
    into a path."""
    field = error.details.get("field")
    path = str(field).split(".") if field else None
    return UserError(message=error.message, field=path, code=error.code)


def payload_type(
    name: str, record_field: str, record_type: type, verb: str, *, background: bool = False
) -> type:
    """The payload type ``name`` of one mutation: ``record_field`` (the ``record_type`` as it
    stands after the write, null when it did not happen), ``version`` (the record's ETag),
    ``userErrors`` and ``clientMutationId``; with ``background`` (an action), also
    ``backgroundJob``."""
    annotations: dict[str, Any] = {
        record_field: record_type | None,
        "version": str | None,
        "user_errors": list[UserError],
        "client_mutation_id": str | None,
    }
    namespace: dict[str, Any] = {
        "__annotations__": annotations,
        "__module__": __name__,
        record_field: strawberry.field(
            description=f"The record as it stands after the {verb}; null when it failed."
        ),
        "version": strawberry.field(
            description="The record's version (its ETag) after the write: pass it back as "
            "`expectedVersion` to change the record only if nobody else has since."
        ),
        "user_errors": strawberry.field(
            description="Why the mutation did not write; empty when it did."
        ),
        "client_mutation_id": strawberry.field(
            description="The `clientMutationId` the mutation was given, unchanged."
        ),
    }
    if background:
        annotations["background_job"] = BackgroundJob | None
        namespace["background_job"] = strawberry.field(
            default=None,
            description=f"The job still running the {verb} in Visma's background API; null "
            "once it has run. While it is set, the record is shown as it stands before.",
        )
    mutation = name[0].lower() + name[1 : -len("Payload")]
    return strawberry.type(
        type(name, (), namespace),
        description=f"What `{mutation}` answers: the record, its version and user errors.",
    )
