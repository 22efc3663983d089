"""Records as views over Visma's JSON: a field converts only its own value, when selected.

Generated types (``schema/generated``) subclass ``Record``; each field reads one key of the
dict Visma sent through one of the readers here. Nothing is converted for fields a query does
not select. The generated fields are plain fields read through their class's ``READERS``:
once the schema is built, graphql-core calls each reader directly (``read_directly``), and
``read_field``, the schema's default resolver, reads any other field the same way. A
Strawberry resolver per field would cost its per-call work on every selected value.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from typing import Any, ClassVar, TypeVar

import strawberry
from graphql import GraphQLNonNull, GraphQLObjectType, GraphQLOutputType, is_leaf_type
from strawberry.schema.config import StrawberryConfig
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField

from gateway.errors import UpstreamError
from schema.types.values import boolean, decimal, integer, parse_datetime, text

log = logging.getLogger(__name__)

__all__ = ["Record", "boolean", "decimal", "integer", "parse_datetime", "text"]

E = TypeVar("E", bound=Enum)
R = TypeVar("R", bound="Record")


@strawberry.type
class Record:
    """A Visma DTO as Visma sent it; generated subclasses expose its properties."""

    _data: strawberry.Private[dict[str, Any]]
    # How each generated field reads its value from ``_data``, by the field's Python name.
    READERS: ClassVar[dict[str, Callable[[dict[str, Any]], Any]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Before ``@strawberry.type`` makes the subclass a dataclass, which keeps an
        # ``__init__`` the class has: the generated one would set each of the type's fields
        # (dozens, all None: values live in ``_data``) on every record a query lists. Unset,
        # they read as their class defaults, the same None.
        cls.__init__ = _view  # type: ignore[method-assign]


def _view(self: Record, *, _data: dict[str, Any]) -> None:
    self._data = _data


def read_field(source: Any, name: str) -> Any:
    """The schema's default resolver: a record's field through its reader, else the
    attribute of that name."""
    readers = getattr(source, "READERS", None)
    read = None if readers is None else readers.get(name)
    return getattr(source, name) if read is None else read(source._data)


# What a schema serving records is configured with.
RECORDS_CONFIG = StrawberryConfig(default_resolver=read_field)


def read_directly(schema: strawberry.Schema) -> None:
    """Point each generated field of the built ``schema`` at its reader, called by
    graphql-core with the record: the reading ``read_field`` does, without Strawberry's
    per-field wrapper (a few calls fewer per value, which a big answer multiplies)."""
    for name, kind in schema._schema.type_map.items():
        if not isinstance(kind, GraphQLObjectType):
            continue
        definition = schema.get_type_by_name(name)
        readers = getattr(getattr(definition, "origin", None), "READERS", None)
        if not readers or not isinstance(definition, StrawberryObjectDefinition):
            continue
        for field in definition.fields:
            read = readers.get(field.python_name)
            if read is not None and field.base_resolver is None:
                of_record = _of_data(read)
            elif (resolver := _of_the_record_alone(field)) is not None:
                of_record = resolver  # ``id``, ``vismaId``, ``version``
            else:
                continue
            graphql_field = kind.fields[schema.config.name_converter.get_graphql_name(field)]
            graphql_field.resolve = DirectRead(of_record, graphql_field.type)


class DirectRead:
    """A field's resolver that needs the record alone: graphql-core calls it with the
    record and an info it ignores. ``leaf`` (the field's output coercion, for a scalar or
    enum field) lets ``RecordExecutor`` answer the field without building that info."""

    __slots__ = ("leaf", "non_null", "of_record")

    def __init__(self, of_record: Callable[[Any], Any], field_type: GraphQLOutputType) -> None:
        self.of_record = of_record
        self.non_null = isinstance(field_type, GraphQLNonNull)
        named = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
        self.leaf: Callable[[Any], Any] | None = (
            named.coerce_output_value if is_leaf_type(named) else None
        )

    def __call__(self, source: Any, _info: Any) -> Any:
        return self.of_record(source)


def _of_data(read: Callable[[dict[str, Any]], Any]) -> Callable[[Any], Any]:
    def of_record(source: Any) -> Any:
        return read(source._data)

    return of_record


def _of_the_record_alone(field: StrawberryField) -> Callable[[Any], Any] | None:
    """The field's resolver when it takes the record alone (no arguments, no info), runs
    synchronously and has nothing Strawberry adds around it."""
    resolver = field.base_resolver
    if (
        resolver is None
        or resolver.is_async
        or len(resolver.signature.parameters) != 1
        or field.permission_classes
        or field.extensions
    ):
        return None
    function = resolver.wrapped_func
    return None if isinstance(function, staticmethod | classmethod) else function


def one(kind: type[R], value: Any) -> R | None:
    """The nested DTO ``value`` as ``kind``; None when Visma sent none."""
    return kind(_data=value) if isinstance(value, dict) else None


def many(kind: type[R], value: Any) -> list[R] | None:
    """The list of nested DTOs ``value``, skipping entries that are not objects."""
    if not isinstance(value, list):
        return None
    return [kind(_data=item) for item in value if isinstance(item, dict)]


def values(read: Any, value: Any) -> list[Any] | None:
    """A list of plain values, each read by ``read``; unreadable entries are left out."""
    if not isinstance(value, list):
        return None
    return [v for v in (read(item) for item in value) if v is not None]


def member(kind: type[E], value: Any) -> E | None:
    """The enum member Visma's ``value`` names; ``UNKNOWN`` (and a log line) for a value the
    spec did not list, so that a value Visma adds later does not fail the query."""
    if not isinstance(value, str):
        return None
    try:
        return kind(value)
    except ValueError:
        log.warning("unknown %s value from Visma.net: %r", kind.__name__, value[:40])
        unknown: E = kind["UNKNOWN"]
        return unknown


def json_value(value: Any) -> Any:
    """A free-form JSON value, as Visma sent it."""
    return value


def key_integer(value: Any) -> int:
    """An integer key property (a contact's ``contactId``), which every record served has."""
    number = integer(value)
    if number is not None:
        return number
    raise UpstreamError("Visma.net sent a record without a key GraphQL's Int can carry")


def key_member(kind: type[E], value: Any) -> E:
    """An enum key property (an invoice's ``documentType``), which every record served has."""
    found = member(kind, value)
    if found is not None:
        return found
    raise UpstreamError("Visma.net sent a record without its key")


def key_text(value: Any) -> str:
    """A key property, which every record the gateway serves has."""
    if isinstance(value, int | str) and not isinstance(value, bool) and str(value):
        return str(value)
    raise UpstreamError("Visma.net sent a record without its key")
