"""The executor's direct path for records' leaf fields answers exactly as graphql-core's
own path does, values and errors alike (through the gateway too, coded), and steps aside
for a resolve hook."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ClassVar

import httpx
import strawberry
from graphql import FieldNode, GraphQLField, GraphQLObjectType, GraphQLResolveInfo
from graphql.pyutils import Path
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types import ExecutionResult

from gateway.errors import UpstreamError
from gateway.settings import Settings
from gateway.simulator import Simulator
from schema.executor import RecordExecutor
from schema.types.enums import SupplierStatus
from schema.types.record import (
    RECORDS_CONFIG,
    Record,
    decimal,
    key_text,
    member,
    one,
    read_directly,
    text,
)
from tests.conftest import running


@strawberry.type
class Address(Record):
    READERS: ClassVar[dict[str, Callable[[dict[str, Any]], Any]]] = {
        "city": lambda data: text(data.get("city")),
    }
    city: str | None = None


@strawberry.type
class Sample(Record):
    READERS: ClassVar[dict[str, Callable[[dict[str, Any]], Any]]] = {
        "number": lambda data: key_text(data.get("number")),
        "name": lambda data: text(data.get("name")),
        "amount": lambda data: decimal(data.get("amount")),
        "status": lambda data: member(SupplierStatus, data.get("status")),
        "address": lambda data: one(Address, data.get("address")),
    }
    number: str = strawberry.field(default=None)
    name: str = strawberry.field(default=None)  # non-null, read as null when Visma omits it
    amount: Decimal | None = None
    status: SupplierStatus | None = None
    address: Address | None = None

    @strawberry.field
    def label(self) -> str:
        """A resolver of the record alone."""
        number = self._data.get("number")
        if number == "boom":
            raise UpstreamError("label failed")
        return f"#{number}"


SAMPLES: list[dict[str, Any]] = [
    {
        "number": "1",
        "name": "Alpha",
        "amount": 12.5,
        "status": "Active",
        "address": {"city": "Oslo"},
    },
    {"number": 2, "name": "Beta", "amount": "0.10", "status": "Suspended"},
    {"name": "No key", "amount": 1},
    {"number": "3", "amount": 7, "status": "OnHold"},
    {"number": "boom", "name": "Label fails", "amount": None, "status": None},
]


@strawberry.type
class Query:
    @strawberry.field
    def samples(self) -> list[Sample | None]:
        return [Sample(_data=data) for data in SAMPLES]


QUERY = "{ samples { number name amount status label address { city } } }"


def execute(
    executor: type[StrawberryGraphQLCoreExecutionContext], **kwargs: Any
) -> ExecutionResult:
    schema = strawberry.Schema(
        query=Query, config=RECORDS_CONFIG, execution_context_class=executor, **kwargs
    )
    read_directly(schema)
    return schema.execute_sync(QUERY)


def answer(result: ExecutionResult) -> tuple[Any, list[tuple[str, list[str | int] | None]]]:
    return result.data, sorted((e.message, e.path) for e in result.errors or [])


def test_values_and_errors_are_graphql_cores_own() -> None:
    direct = execute(RecordExecutor)
    assert answer(direct) == answer(execute(StrawberryGraphQLCoreExecutionContext))
    assert direct.data is not None
    assert direct.data["samples"][0] == {
        "number": "1",
        "name": "Alpha",
        "amount": "12.5",
        "status": "ACTIVE",
        "label": "#1",
        "address": {"city": "Oslo"},
    }
    assert direct.data["samples"][1]["status"] == "UNKNOWN"
    # The record without a key, the one without a (non-null) name and the failing label
    # are each reported at their path, and null their item.
    assert direct.data["samples"][2:] == [None, None, None]
    assert sorted(e.path for e in direct.errors or [] if e.path) == [
        ["samples", 2, "number"],
        ["samples", 3, "name"],
        ["samples", 4, "label"],
    ]


class CountingInfos(RecordExecutor):
    """Records which fields graphql-core built an info object for."""

    built: ClassVar[list[str]] = []

    def build_resolve_info(
        self,
        field_def: GraphQLField,
        field_nodes: list[FieldNode],
        parent_type: GraphQLObjectType,
        path: Path,
    ) -> GraphQLResolveInfo[Any]:
        self.built.append(f"{parent_type.name}.{field_nodes[0].name.value}")
        return super().build_resolve_info(field_def, field_nodes, parent_type, path)


def test_leaf_fields_of_records_are_answered_without_an_info() -> None:
    CountingInfos.built.clear()
    execute(CountingInfos)
    # Only the list, each record's object field, and the fields that failed or came out
    # null where the schema forbids it go through graphql-core's per-field path.
    assert sorted(set(CountingInfos.built)) == [
        "Query.samples",
        "Sample.address",
        "Sample.label",
        "Sample.name",
        "Sample.number",
    ]
    assert CountingInfos.built.count("Sample.number") == 1  # the record without a key
    assert CountingInfos.built.count("Sample.address") == len(SAMPLES) - 3


class SeeingFields(SchemaExtension):
    seen: ClassVar[list[str]] = []

    def resolve(
        self,
        _next: Callable[..., Any],
        root: Any,
        info: GraphQLResolveInfo[Any],
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        self.seen.append(f"{info.parent_type.name}.{info.field_name}")
        return _next(root, info, *args, **kwargs)


def test_a_resolve_hook_sees_every_field() -> None:
    SeeingFields.seen.clear()
    execute(StrawberryGraphQLCoreExecutionContext, extensions=[SeeingFields])
    everything = list(SeeingFields.seen)
    assert "Sample.amount" in everything
    SeeingFields.seen.clear()
    execute(RecordExecutor, extensions=[SeeingFields])
    assert SeeingFields.seen == everything


class SupplierWithoutNumber(httpx.AsyncBaseTransport):
    """The simulator's answers, the second supplier of a list sent without its number."""

    def __init__(self, sim: Simulator) -> None:
        self.simulator = httpx.ASGITransport(app=sim.app)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.simulator.handle_async_request(request)
        if request.url.path != "/v1/supplier":
            return response
        suppliers = json.loads(await response.aread())
        del suppliers[1]["number"]
        return httpx.Response(response.status_code, json=suppliers)


async def test_a_record_visma_sent_without_its_key_is_a_coded_error_at_its_field() -> None:
    sim = Simulator()
    async with running(sim, Settings(), upstream_transport=SupplierWithoutNumber(sim)) as gateway:
        answer = await gateway.query("{ suppliers(first: 3) { nodes { name number status } } }")
    (error,) = answer["errors"]
    assert error["path"] == ["suppliers", "nodes", 1, "number"]
    assert error["extensions"]["code"] == "UPSTREAM_ERROR"
    assert error["message"] == "Visma.net sent a record without its key"
