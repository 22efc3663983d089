"""graphql-core's executor, answering a record's scalar and enum fields without its
per-field machinery.

A big answer is mostly such fields (an invoice's amounts, dates and status, each line's
numbers), and for each one graphql-core builds a path, an info object (Strawberry's, with
more in it) and tests the resolver's result and the completed value for awaitability,
before coercing the value. A ``DirectRead`` resolver needs none of that: it reads the
record alone, synchronously. Anything else, and any value that fails or comes out null
where the schema forbids it, takes graphql-core's own path, which reports it.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLObjectType, Undefined
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.types.record import DirectRead


class RecordExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor with a direct path for records' leaf fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A middleware (an extension's ``resolve`` hook) must see every field.
        manager = self.middleware_manager
        self._direct = manager is None or not manager.middlewares

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> AwaitableOrValue[Any]:
        if self._direct:
            field = parent_type.fields.get(field_details_list[0].node.name.value)
            resolve = None if field is None else field.resolve
            if type(resolve) is DirectRead and (coerce := resolve.leaf) is not None:
                try:
                    value = resolve.of_record(source)
                    if value is None:
                        if not resolve.non_null:
                            return None
                    else:
                        coerced = coerce(value)
                        if coerced is not None and coerced is not Undefined:
                            return coerced
                except Exception:  # noqa: S110
                    pass  # read again below, where graphql-core locates and reports it
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )
