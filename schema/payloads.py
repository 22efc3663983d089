"""Mutation payloads: the record written, the caller's ``userErrors`` and ``clientMutationId``.

Failures a caller can act on (its input refused by the gateway or by Visma, a record not
found, a version that no longer matches, an idempotency key reused) are answered inside the
payload as ``userErrors`` with the record null, so one failing mutation of a document leaves
the others' answers whole. Anything else (Visma down, timeouts, the call budget) stays a
top-level error with ``extensions.code``.
"""

from __future__ import annotations

from typing import Any

import strawberry

from gateway.errors import BadUserInput, Conflict, GatewayError, NotFound
from schema.jobs import BackgroundJob

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
    return strawberry.type(
        type(name, (), namespace),
        description=f"The outcome of `{name[0].lower()}{name[1:].removesuffix('Payload')}`: "
        "the record written, or why it was not.",
    )
