"""How much of the GraphQL schema carries a description: types, fields (of object, interface
and input types), arguments and enum values, as clients see them by introspection."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    is_specified_scalar_type,
)


@dataclass(frozen=True)
class Share:
    """How many of ``total`` things have a description; ``missing`` names the others."""

    total: int
    missing: tuple[str, ...]

    @property
    def described(self) -> int:
        return self.total - len(self.missing)

    @property
    def ratio(self) -> float:
        return self.described / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.described} of {self.total} ({self.ratio:.1%})"


@dataclass(frozen=True)
class Described:
    types: Share
    fields: Share
    arguments: Share
    enum_values: Share


def described(schema: GraphQLSchema) -> Described:
    """The shares of ``schema`` (introspection and GraphQL's own scalars left out)."""
    types: list[tuple[str, bool]] = []
    fields: list[tuple[str, bool]] = []
    arguments: list[tuple[str, bool]] = []
    values: list[tuple[str, bool]] = []
    for name, kind in sorted(schema.type_map.items()):
        if name.startswith("__") or is_specified_scalar_type(kind):
            continue
        types.append((name, bool(kind.description)))
        if isinstance(kind, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in kind.fields.items():
                fields.append((f"{name}.{field_name}", bool(field.description)))
                for arg_name, arg in getattr(field, "args", {}).items():
                    arguments.append((f"{name}.{field_name}({arg_name})", bool(arg.description)))
        if isinstance(kind, GraphQLEnumType):
            for value_name, value in kind.values.items():
                values.append((f"{name}.{value_name}", bool(value.description)))

    def share(found: list[tuple[str, bool]]) -> Share:
        return Share(len(found), tuple(n for n, ok in found if not ok))

    return Described(share(types), share(fields), share(arguments), share(values))
