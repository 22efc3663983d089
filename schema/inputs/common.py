"""What the mutation inputs share: the line operation and `clientMutationId`."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="What to do with a document line.")
class LineOperation(Enum):
    INSERT = strawberry.enum_value("Insert", description="Add the line.")
    UPDATE = strawberry.enum_value("Update", description="Change the line with this number.")
    DELETE = strawberry.enum_value("Delete", description="Remove the line with this number.")


@strawberry.input(description="What every mutation input carries.")
class MutationInput:
    client_mutation_id: str | None = strawberry.field(
        default=None, description="Echoed unchanged in the payload's `clientMutationId`."
    )
