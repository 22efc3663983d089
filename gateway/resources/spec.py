"""Visma's OpenAPI document read as the generator needs it: DTOs, their properties and enums.

Every property gets a GraphQL type, a reader of its raw value and a description: Visma's own
(HTML entities decoded), or one derived from the property's name and type where Visma has none.
"""

from __future__ import annotations

import html
import json
import keyword
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).resolve().parent.parent.parent / "spec" / "visma-erp-openapi.json"
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    """The vendored OpenAPI document."""
    spec: dict[str, Any] = json.loads(path.read_text())
    return spec


def load_schemas(path: Path = SPEC_PATH) -> dict[str, Any]:
    """The ``components.schemas`` of the vendored spec."""
    schemas: dict[str, Any] = load_spec(path)["components"]["schemas"]
    return schemas


def type_name(dto: str) -> str:
    """The GraphQL name of a nested DTO: Visma's name without ``Dto``, capitalised."""
    name = dto[:-3] if dto.endswith("Dto") else dto
    return name[:1].upper() + name[1:]


def words(name: str) -> str:
    """``vatRegistrationId`` -> ``VAT registration id`` (acronyms kept)."""
    parts = _WORD.findall(name) or [name]
    return " ".join(p if p.isupper() and len(p) > 1 else p.lower() for p in parts)


def describe(text: Any) -> str:
    """Visma's description as plain text: HTML entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(str(text or "")).split())


def python_name(name: str) -> str:
    """A Python identifier for a Visma property name."""
    ident = re.sub(r"\W", "_", name)
    return f"{ident}_" if keyword.iskeyword(ident) or ident in ("id", "vismaId") else ident


def ref_name(schema: dict[str, Any]) -> str | None:
    """The DTO a schema names by ``$ref`` (directly or in ``allOf``), if any."""
    ref = schema.get("$ref")
    if ref is None and schema.get("allOf"):
        ref = next((part["$ref"] for part in schema["allOf"] if "$ref" in part), None)
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def references(schema: dict[str, Any]) -> Iterator[str]:
    """The DTOs a DTO's properties name, directly or as list items."""
    for prop in (schema.get("properties") or {}).values():
        ref = ref_name(prop) or ref_name(prop.get("items") or {})
        if ref is not None:
            yield ref


def closure(schemas: dict[str, Any], root: str) -> list[str]:
    """``root`` and every DTO reachable from it, in a stable order."""
    seen: list[str] = []
    todo = [root]
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        seen.append(name)
        todo.extend(sorted(set(references(schemas[name]))))
    return seen


@dataclass(frozen=True)
class Enum:
    name: str
    values: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Field:
    """One property: ``annotation`` is its Python type, ``read`` the expression that
    converts ``RAW`` (placeholder of the property's raw value) to it."""

    visma: str
    python: str
    annotation: str
    read: str
    description: str
    enum: Enum | None = None
    dto: str | None = None


def _scalar(prop: dict[str, Any]) -> tuple[str, str] | None:
    kind, fmt = prop.get("type"), prop.get("format")
    if kind == "string" and fmt == "date-time":
        return "dt.datetime", "parse_datetime"
    if kind == "string":
        return "str", "text"
    if kind == "number":
        return "Decimal", "decimal"
    if kind == "integer":
        return "int", "integer"
    if kind == "boolean":
        return "bool", "boolean"
    return None


def _fallback(name: str, owner: str, kind: str) -> str:
    subject = words(type_name(owner))
    if kind == "bool":
        return f"Whether the {subject} has {words(name)} set (Visma.net documents no more)."
    if kind == "dt.datetime":
        return f"The {words(name)} of the {subject}, a date-time read as UTC."
    if kind == "Decimal":
        return f"The {words(name)} of the {subject}, an exact decimal as Visma.net sent it."
    return f"The {words(name)} of the {subject} (Visma.net documents no more)."


def field(schemas: dict[str, Any], owner: str, name: str, prop: dict[str, Any]) -> Field:
    """The generated field of property ``name`` of DTO ``owner``."""
    items = prop.get("items") if prop.get("type") == "array" else None
    target = prop if items is None else items
    ref = ref_name(target)
    enum: Enum | None = None
    dto: str | None = None
    if ref is not None:
        dto = ref
        annotation, read = type_name(ref), f"one({type_name(ref)}, RAW)"
        many = f"many({type_name(ref)}, RAW)"
        kind = "object"
    elif target.get("enum"):
        enum_name = type_name(owner) + name[:1].upper() + name[1:]
        values = tuple(str(v) for v in target["enum"])
        enum = Enum(enum_name, values, f"Values of {words(name)} of the {words(type_name(owner))}.")
        annotation, read, many, kind = enum_name, f"member({enum_name}, RAW)", "", "enum"
        many = f"values(lambda v: member({enum_name}, v), RAW)"
    else:
        scalar = _scalar(target)
        if scalar is None:
            annotation, reader = "JSON", "json_value"
        else:
            annotation, reader = scalar
        read, many, kind = f"{reader}(RAW)", f"values({reader}, RAW)", annotation
    if items is not None:
        annotation, read = f"list[{annotation}]", many
    description = describe(prop.get("description"))
    if not description:
        description = _fallback(name, owner, kind)
    return Field(name, python_name(name), annotation, read, description, enum, dto)


def fields(schemas: dict[str, Any], dto: str) -> list[Field]:
    """Every property of ``dto``, in the spec's order."""
    props = schemas[dto].get("properties") or {}
    return [field(schemas, dto, name, prop) for name, prop in props.items()]
