"""What a query will cost upstream, known before it runs.

The estimate walks the operation (fragments and variables resolved) and adds up, per field,
the calls the resolvers and the planner would make without any cache: one per page of a
top-level list or per lookup; for a supplier's nested list under N suppliers, N filtered
calls or the pages of the whole collection, as the planner weighs them
(``gateway.upstream.batching.reads_whole``); for back-references, likewise with the record
lists. A collection whose size the gateway has not seen yet is taken to span
``ASSUMED_PAGES`` pages, plus the planner's probe. Cached answers make a query cheaper than
its estimate, never dearer.

Queries over ``GATEWAY_MAX_OPERATION_CALLS``, or over what is left of the caller's rate
budget (when something is left), are refused with QUERY_TOO_COSTLY before any call. The
estimate is a forecast (a collection not seen yet is assumed to be ``ASSUMED_PAGES`` long),
so an admitted query carries ``GATEWAY_MAX_OPERATION_CALLS`` as its allowance: the sender
refuses calls beyond it with QUERY_TOO_COSTLY on the fields left, and the limit holds
whatever the planner learns meanwhile.

The same walk counts the objects the query may return (list items, up to each `first`, and
the records they reference); queries over ``GATEWAY_MAX_OPERATION_OBJECTS`` are refused with
RESULT_TOO_LARGE, as the answer would take the gateway's time and memory from everyone.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    get_operation_ast,
    value_from_ast_untyped,
)
from strawberry.extensions import SchemaExtension

from gateway.errors import GatewayError, QueryTooCostly, ResultTooLarge
from gateway.resources.declaration import Reference, Resource
from gateway.resources.registry import BY_NAME, RESOURCES
from gateway.upstream.batching import BulkSize, PerKey, reads_whole
from schema.context import Context
from schema.selections import selected_fields
from schema.types.node import FROM_KEY

# Items of a nested list (a document's lines, attachments) assumed when estimating.
LINES_PER_DOCUMENT = 5
# Pages assumed for a collection whose size has not been seen yet.
ASSUMED_PAGES = 10
_Composite = GraphQLObjectType | GraphQLInterfaceType
# What the estimate knows of each field that reads a resource, from the declarations.
_ROOT_LISTS = {r.plural: r for r in RESOURCES if r.plural}
_NESTED_LISTS = {
    (link.parent, link.field): (r, link) for r in RESOURCES for link in r.parents if link.many
}
_NESTED_ONES = {
    (link.parent, link.field): r for r in RESOURCES for link in r.parents if not link.many
}
_REFERENCES: dict[tuple[str, str], Reference] = {
    (ref.owner or r.name, ref.field): ref for r in RESOURCES for ref in r.references
}


@dataclass(frozen=True)
class Knowledge:
    """What the estimate may use: page sizes and the collection sizes seen before."""

    default_first: int
    max_first: int
    page_size: int
    bulk: Mapping[str, BulkSize]  # collection kind -> size of the unfiltered list, as seen
    max_extra_records: int  # GATEWAY_PLANNER_MAX_EXTRA_RECORDS


class Estimator:
    def __init__(
        self,
        operation: OperationDefinitionNode,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        query_type: GraphQLObjectType,
        knowledge: Knowledge,
    ) -> None:
        self.operation = operation
        self.fragments = fragments
        self.variables = variables
        self.query_type = query_type
        self.knowledge = knowledge
        self.objects = 0

    def total(self) -> int:
        """The upstream calls; ``objects`` holds the objects counted on the way."""
        return self._selection(self.operation.selection_set, self.query_type, 1)

    def _fields(self, selection_set: SelectionSetNode | None) -> Iterator[FieldNode]:
        return selected_fields(selection_set, self.fragments)

    def _selection(
        self, selection_set: SelectionSetNode | None, parent: _Composite, items: int
    ) -> int:
        return sum(self._field(field, parent, items) for field in self._fields(selection_set))

    def _argument(self, field: FieldNode, name: str) -> Any:
        for argument in field.arguments or ():
            if argument.name.value == name:
                return value_from_ast_untyped(argument.value, dict(self.variables))
        return None

    def _first(self, field: FieldNode) -> int:
        """How many items a connection asks for: ``first``, or ``last``."""
        first = self._argument(field, "first")
        if first is None:
            first = self._argument(field, "last")
        if not isinstance(first, int) or first < 0:
            return self.knowledge.default_first
        # A larger `first` is refused by the list itself (BAD_USER_INPUT), more precisely.
        return min(first, self.knowledge.max_first)

    def _field(self, field: FieldNode, parent: _Composite, items: int) -> int:
        name = field.name.value
        definition = parent.fields.get(name)
        if definition is None or items == 0:
            return 0
        child = get_named_type(definition.type)
        if not isinstance(child, GraphQLObjectType | GraphQLInterfaceType):
            return self._scalar(parent.name, name, items)
        if parent.name == "Query" and name in _ROOT_LISTS:
            first = self._first(field)
            self.objects += first
            own = max(1, math.ceil(first / self.knowledge.page_size))
            if (
                self._argument(field, "last") is not None
                and self._argument(field, "before") is None
            ):
                own += 1  # the list's size, read before the window counted from its end
            return own + self._connection(field, child, first)
        if parent.name == "Query":  # a lookup, or `nodes(ids:)`: one per id
            ids = self._argument(field, "ids")
            count = len(ids) if isinstance(ids, list) else 1
            self.objects += count
            return count + self._selection(field.selection_set, child, count)
        nested = _NESTED_LISTS.get((parent.name, name))
        if nested is not None:
            collection, link = nested
            first = self._first(field)
            self.objects += items * first
            per_key = items * max(1, math.ceil(first / self.knowledge.page_size))
            # A list without a parent filter is always read whole.
            if not link.grouped:
                own = int(per_key)  # read per parent only
            else:
                own = self._planned(
                    collection, per_key if link.filtered else math.inf, items * first
                )
            return own + self._connection(field, child, items * first)
        one = _NESTED_ONES.get((parent.name, name))
        if one is not None:  # a record per parent, read by the parents' keys or whole
            self.objects += items
            own = self._planned(one, items, items)
            return own + self._selection(field.selection_set, child, items)
        reference = _REFERENCES.get((parent.name, name))
        if reference is not None:
            self.objects += items
            inline = reference.inline
            if inline is not None and all(
                f.name.value in inline | FROM_KEY for f in self._fields(field.selection_set)
            ):
                return 0
            own = self._planned(BY_NAME[reference.target], items, items)
            return own + self._selection(field.selection_set, child, items)
        if _is_list(definition.type):  # a document's lines, attachments and the like
            self.objects += items * LINES_PER_DOCUMENT
            return self._selection(field.selection_set, child, items * LINES_PER_DOCUMENT)
        return self._selection(field.selection_set, child, items)

    def _scalar(self, parent: str, name: str, items: int) -> int:
        if (parent, name) in _NESTED_ONES:
            return 1  # one record by its parent's key, or the whole list in one call
        return 0

    def _connection(self, field: FieldNode, connection: _Composite, items: int) -> int:
        cost = 0
        for part in self._fields(field.selection_set):
            name = part.name.value
            definition = connection.fields.get(name)
            if definition is None:
                continue
            child = get_named_type(definition.type)
            if not isinstance(child, GraphQLObjectType):
                continue
            if name == "nodes":
                cost += self._selection(part.selection_set, child, items)
            elif name == "edges":
                for edge_field in self._fields(part.selection_set):
                    if edge_field.name.value == "node":
                        node = get_named_type(child.fields["node"].type)
                        assert isinstance(node, GraphQLObjectType)
                        cost += self._selection(edge_field.selection_set, node, items)
        return cost

    def _planned(self, collection: Resource, per_key: float, records: int) -> int:
        """The planner's cost for ``per_key`` reads of ``collection`` (infinite when it
        cannot be read per key) that bring at most ``records``."""
        if per_key <= 1:
            return int(per_key)
        if not collection.paged:
            return 1
        knowledge = self.knowledge
        size, probe = knowledge.bulk.get(collection.kind), 0
        if size is None:  # unseen: the planner's probe, then an assumed size
            size, probe = BulkSize(ASSUMED_PAGES, ASSUMED_PAGES * knowledge.page_size), 1
        whole = math.isinf(per_key) or reads_whole(
            PerKey(int(per_key), records), size.pages, size.total, knowledge.max_extra_records
        )
        return probe + int(size.pages if whole else per_key)


class CostLimiter(SchemaExtension):
    """Estimates each query's upstream calls and objects, refuses the ones over the limits
    and admits the others with the limit as their allowance of calls."""

    async def on_execute(self) -> Any:
        context = self.execution_context.context
        document = self.execution_context.graphql_document
        if isinstance(context, Context) and document is not None:
            estimator = await self._estimator(context)
            estimate = 0 if estimator is None else estimator.total()
            context.estimated_calls = estimate
            refusal = await self._refusal(context, estimator, estimate)
            if refusal is not None:
                context.upstream.upstream.metrics.queries_refused.inc()
                self.execution_context.result = ExecutionResult(
                    data=None, errors=[GraphQLError(refusal.message, original_error=refusal)]
                )
            elif estimator is not None:
                context.upstream.stats.admitted = context.settings.max_operation_calls
        yield

    async def _estimator(self, context: Context) -> Estimator | None:
        """The estimate's walk of a query; None for mutations and subscriptions."""
        execution = self.execution_context
        document = execution.graphql_document
        assert document is not None
        operation = get_operation_ast(document, execution.operation_name)
        query_type = execution.schema._schema.query_type
        if operation is None or query_type is None or operation.operation.value != "query":
            return None
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        knowledge = Knowledge(
            default_first=context.settings.default_first,
            max_first=context.settings.max_first,
            page_size=context.settings.upstream_page_size,
            bulk={
                c.kind: size
                for c in RESOURCES
                if c.paged and (size := await context.loaders.planner.known_size(c, {})) is not None
            },
            max_extra_records=context.settings.planner_max_extra_records,
        )
        return Estimator(operation, fragments, execution.variables or {}, query_type, knowledge)

    async def _refusal(
        self, context: Context, estimator: Estimator | None, estimate: int
    ) -> GatewayError | None:
        objects_limit = context.settings.max_operation_objects
        if estimator is not None and estimator.objects > objects_limit:
            return ResultTooLarge(
                f"This query could return up to {estimator.objects} objects, more than the "
                f"{objects_limit} allowed per operation; ask for fewer items (smaller `first`) "
                "or fewer nested lists",
                estimatedObjects=estimator.objects,
                limit=objects_limit,
            )
        limit = context.settings.max_operation_calls
        remaining = await context.upstream.upstream.sender.budget.remaining(
            context.credentials.budget_key
        )
        if estimate > limit:
            reason = f"more than the {limit} allowed per operation"
        elif remaining and estimate > remaining:
            # With nothing left the calls wait for the window or fail with RATE_LIMITED and
            # its retryAfter, which tells the client more than a refusal here would.
            reason = f"more than the {remaining} left in this hour's budget"
        else:
            return None
        return QueryTooCostly(
            f"This query could cost up to {estimate} Visma.net calls, {reason}; "
            "ask for fewer items (smaller `first`) or fewer nested lists",
            estimatedCalls=estimate,
            limit=limit,
            remainingBudget=remaining,
        )


def _is_list(kind: GraphQLOutputType) -> bool:
    """Whether a field answers a list (not a connection: those are counted by their ``first``)."""
    return isinstance(kind.of_type if isinstance(kind, GraphQLNonNull) else kind, GraphQLList)
