"""The filter input of every declared list, written by ``make generate`` from the query
parameters of the list's GET operation in Visma's spec.

Each parameter is a field under its own name, typed as the spec types it: Visma's enums as the
generated enums (one with the same values when a DTO has it already), dates and date-times as
the ``Date`` and ``DateTime`` scalars, integers, numbers and booleans; a ``<name>Condition``
parameter paired with ``<name>`` is a ``ComparisonOperator``. Paging is the gateway's own
(``pageNumber``, ``pageSize`` and the deprecated ``numberToRead``, ``skipRecords``), and Visma's
list parameters of several values (``inventoryTypes``) are not offered: a list read carries one
value per parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gateway.resources.declaration import Resource
from gateway.resources.spec import Enum, describe, words

PAGING = frozenset({"pageNumber", "pageSize", "numberToRead", "skipRecords"})
CONDITION = "Condition"
# Parameters many lists take without a description in the spec.
_UNDOCUMENTED = {
    "greaterThanValue": "Only records whose key comes after this value.",
    "orderBy": "The property Visma.net orders the records by.",
    "attributes": 'Attribute values to match, as JSON: `{"ATTRIBUTEID":"VALUEID"}`.',
}


@dataclass(frozen=True)
class Param:
    """One query parameter as a field of a filter input."""

    name: str
    annotation: str
    description: str
    enum: Enum | None = None


def list_parameters(spec: dict[str, Any], resource: Resource) -> list[dict[str, Any]]:
    """The query parameters of ``resource``'s list operation, in the spec's order."""
    paths = {p.lower(): item for p, item in spec["paths"].items()}
    operation = paths[resource.path.lower()].get("get") or {}
    return [p for p in operation.get("parameters") or [] if p.get("in") == "query"]


def _annotation(name: str, schema: dict[str, Any], names: set[str]) -> str | None:
    kind, fmt = schema.get("type"), schema.get("format")
    if name.endswith(CONDITION) and name[: -len(CONDITION)] in names:
        return "ComparisonOperator"
    if kind == "string" and (name.endswith("DateTime") or fmt == "date-time"):
        return "dt.date" if name.endswith("Date") else "dt.datetime"
    if kind == "string" and name.endswith("Date"):
        return "dt.date"
    return {"string": "str", "integer": "int", "number": "Decimal", "boolean": "bool"}.get(
        str(kind)
    )


def _described(name: str, text: Any, annotation: str, names: set[str]) -> str:
    own = describe(text)
    if annotation == "ComparisonOperator":
        compared = name[: -len(CONDITION)]
        rule = f"How `{compared}` is compared; give both or neither."
        return f"{rule} {own}" if own else rule
    if own:
        return own
    if name in _UNDOCUMENTED:
        return _UNDOCUMENTED[name]
    if name.startswith("expand") and annotation == "bool":
        return f"True to have Visma.net include the {words(name[6:])} in each record."
    if annotation == "bool":
        return f"Only records whose {words(name)} is this (Visma.net documents no more)."
    return f"Only records with this {words(name)} (Visma.net documents no more)."


def params(spec: dict[str, Any], resource: Resource, enums: dict[str, Enum]) -> list[Param]:
    """The fields of ``resource``'s filter; enums the spec lists inline are matched with the
    generated ones (by values, the resource's own name first) or added to ``enums``."""
    raw = [p for p in list_parameters(spec, resource) if p["name"] not in PAGING]
    names = {p["name"] for p in raw}
    out: list[Param] = []
    for p in raw:
        name, schema = p["name"], p.get("schema") or {}
        enum = None
        if schema.get("enum"):
            enum = _enum(resource, name, tuple(str(v) for v in schema["enum"]), enums)
            annotation: str | None = enum.name
        else:
            annotation = _annotation(name, schema, names)
        if annotation is None:
            continue
        out.append(
            Param(name, annotation, _described(name, p.get("description"), annotation, names), enum)
        )
    return out


def _enum(resource: Resource, name: str, values: tuple[str, ...], enums: dict[str, Enum]) -> Enum:
    own = resource.name + name[:1].upper() + name[1:]
    if own in enums and enums[own].values == values:
        return enums[own]
    # A DTO's enum of the same values is reused when it is the resource's own.
    same = sorted(n for n, e in enums.items() if e.values == values and n.startswith(resource.name))
    if same:
        return enums[same[0]]
    while own in enums:
        own += "Filter"
    enums[own] = Enum(
        own, values, f"Values of the {words(name)} filter of {words(resource.name)} lists."
    )
    return enums[own]


def render_filter(resource: Resource, fields: Iterable[Param]) -> str:
    """One filter input class."""
    out = [
        f"\n\n@strawberry.input(description={_doc(resource)!r})\n"
        f"class {resource.name}Filter(QueryParams):\n"
    ]
    for f in fields:
        out.append(
            f"    {f.name}: {f.annotation} | None = strawberry.field(\n"
            f"        default=None, name={f.name!r}, description={f.description!r}\n    )\n"
        )
    return "".join(out)


def _doc(resource: Resource) -> str:
    return (
        f"Filters of the {words(resource.name)} list: the query parameters of GET "
        f"{resource.path}, sent to Visma.net under these names."
    )


def render(spec: dict[str, Any], resources: Iterable[Resource], enums: dict[str, Enum]) -> str:
    """The body of ``filters.py`` (without imports): a filter per listed resource with
    parameters, and ``FILTERS`` by resource name."""
    body = []
    index = []
    for resource in resources:
        if resource.plural is None:
            continue
        fields = params(spec, resource, enums)
        if fields:
            body.append(render_filter(resource, fields))
            index.append(resource.name)
    body.append("\n\nFILTERS: dict[str, type[QueryParams]] = {\n")
    body += [f"    {name!r}: {name}Filter,\n" for name in index]
    body.append("}\n")
    return "".join(body)
