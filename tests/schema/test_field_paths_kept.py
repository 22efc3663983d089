"""Every field path the four main types had keeps resolving, with its arguments, and every
value of their enums stays accepted.

The fixtures list the paths and enum values of schema.graphql before the main types were
generated from Visma's spec; a field renamed to Visma's name must stay as a deprecated alias.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
)

from gateway.settings import Settings
from schema import build_schema

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _lines(name: str) -> list[str]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


PATHS = _lines("main_type_field_paths.txt")
ENUM_VALUES = _lines("main_enum_values.txt")


@pytest.fixture(scope="module")
def graphql_schema() -> GraphQLSchema:
    return build_schema(Settings())._schema


def _field(schema: GraphQLSchema, path: str) -> GraphQLField | None:
    """The field at ``path`` (``Supplier.mainAddress.city``), or None where it breaks off."""
    head = path.partition("(")[0]
    type_name, *names = head.split(".")
    current = schema.get_type(type_name)
    field: GraphQLField | None = None
    for name in names:
        if not isinstance(current, GraphQLObjectType) or name not in current.fields:
            return None
        field = current.fields[name]
        current = get_named_type(field.type)
    return field


def test_the_fixture_covers_the_four_main_types() -> None:
    roots = {path.split(".")[0] for path in PATHS}
    assert roots == {"Supplier", "SupplierInvoice", "PurchaseOrder", "SupplierPayment"}
    assert len(PATHS) > 100


@pytest.mark.parametrize("path", PATHS)
def test_old_field_path_still_resolves(graphql_schema: GraphQLSchema, path: str) -> None:
    field = _field(graphql_schema, path)
    assert field is not None, f"{path} no longer resolves"
    _, _, arguments = path.rstrip(")").partition("(")
    missing = {a for a in arguments.split(",") if a} - set(field.args)
    assert not missing, f"{path} lost its arguments {sorted(missing)}"


@pytest.mark.parametrize("value", ENUM_VALUES)
def test_old_enum_value_is_still_accepted(graphql_schema: GraphQLSchema, value: str) -> None:
    enum_name, _, member = value.partition(".")
    kind = graphql_schema.get_type(enum_name)
    assert isinstance(kind, GraphQLEnumType), f"enum {enum_name} is gone"
    assert member in kind.values, f"{value} is no longer accepted"
