"""The create and update inputs of every resource that declares ``writes``, written by ``make
generate`` from the spec's update DTO.

Each property of the DTO is a field under Visma's name, with Visma's description (the read
DTO's, for a top-level property the update DTO leaves undescribed), typed as the spec types
its value (``DtoValueOf<X>`` is an ``X``; enums are the generated enums with the same values;
nested update DTOs are input types of their own, ``<Dto without "Dto">Input``). Each field's
``metadata`` says how it goes on the wire (``Wire``): the generic builder of
``schema/inputs/declared.py`` reads nothing else. ``Update<Name>Input`` leaves out the
declared create-only properties; ``Create<Name>Input`` has them, and the declared required
ones non-null.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gateway.resources.declaration import Resource, Wire
from gateway.resources.spec import (
    Enum,
    describe,
    field,
    python_name,
    ref_name,
    type_name,
    words,
)


@dataclass(frozen=True)
class InputField:
    """One property of an update DTO as an input field."""

    visma: str
    python: str
    annotation: str
    description: str
    wire: Wire


def is_wrapper(schema: dict[str, Any]) -> bool:
    """``DtoValueOf<X>`` (and the few others shaped alike): an object of one ``value``."""
    return set(schema.get("properties") or {}) == {"value"}


def input_name(dto: str) -> str:
    """``AddressUpdateDto`` -> ``AddressUpdateInput``."""
    return f"{type_name(dto)}Input"


def _wire(schemas: dict[str, Any], prop: dict[str, Any]) -> tuple[Wire, dict[str, Any]]:
    """How ``prop`` goes on the wire, and the schema of the value it carries."""
    if prop.get("type") == "array":
        item = ref_name(prop.get("items") or {})
        return (Wire.PLAIN if item is None else Wire.OBJECTS), prop
    ref = ref_name(prop)
    if ref is None:
        return Wire.PLAIN, prop
    if not is_wrapper(schemas[ref]):
        return Wire.OBJECT, prop
    inner = dict(schemas[ref]["properties"]["value"])
    text = prop.get("description") or inner.get("description") or schemas[ref].get("description")
    inner["description"] = text
    return (Wire.VALUE if ref_name(inner) is None else Wire.VALUE_OBJECT), inner


def nested_dtos(schemas: dict[str, Any], root: str) -> list[str]:
    """The update DTOs ``root`` holds (not the wrappers), in a stable order, ``root`` first."""
    seen: list[str] = []
    todo = [root]
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        seen.append(name)
        for prop in (schemas[name].get("properties") or {}).values():
            _, value = _wire(schemas, prop)
            target = ref_name(value.get("items") or {}) or ref_name(value)
            if target is not None and target not in seen:
                todo.append(target)
    return seen


# The values of a line's ``operation`` (``schema.inputs.common.LineOperation``).
LINE_OPERATIONS = frozenset({"Insert", "Update", "Delete"})


def _enum(found: Enum, enums: dict[str, Enum], resource: Resource) -> str:
    """The generated enum with ``found``'s values, the resource's own first, else ``found``
    added to ``enums``. Neither a list filter's enum nor, for an enum the spec names after
    the resource, another resource's is reused: their names would mislead."""
    same = sorted(
        n for n, e in enums.items() if e.values == found.values and not n.endswith("Filter")
    )
    own = [n for n in same if n.startswith(resource.name)]
    if own or (same and not found.name.startswith(resource.name)):
        return (own or same)[0]
    name = found.name
    while name in enums and enums[name].values != found.values:
        name += "Value"
    enums.setdefault(name, Enum(name, found.values, found.description))
    return name


def input_fields(
    schemas: dict[str, Any],
    dto: str,
    resource: Resource,
    enums: dict[str, Enum],
    read_dto: str | None = None,
) -> list[InputField]:
    """Every property of ``dto`` as an input field; ``read_dto`` lends its descriptions."""
    read = (schemas[read_dto].get("properties") or {}) if read_dto else {}
    out: list[InputField] = []
    for name, prop in (schemas[dto].get("properties") or {}).items():
        wire, value = _wire(schemas, prop)
        if not value.get("description") and (read.get(name) or {}).get("description"):
            value = {**value, "description": read[name]["description"]}
        spec_field = field(schemas, dto, name, value)
        annotation = spec_field.annotation
        if spec_field.dto is not None:
            annotation = annotation.replace(type_name(spec_field.dto), input_name(spec_field.dto))
        if spec_field.enum is not None:
            # Every line array's operation is the one LineOperation the inputs share.
            shared = set(spec_field.enum.values) == LINE_OPERATIONS
            annotation = annotation.replace(
                spec_field.enum.name,
                "LineOperation" if shared else _enum(spec_field.enum, enums, resource),
            )
        out.append(InputField(name, python_name(name), annotation, spec_field.description, wire))
    return out


def _field(
    f: InputField, *, required: bool = False, create: bool = False, given: str | None = None
) -> str:
    """The field's line; a ``required`` property is non-null on create and refused as null
    (never cleared) on update; one ``given`` a default is non-null with it."""
    metadata: dict[str, Any] = {"visma": f.visma, "wire": f.wire.value}
    if required:
        metadata["required"] = True
    if given is not None:
        value = repr(given) if f.annotation == "str" else f"{f.annotation}({given!r})"
        default = f"default={value}, "
    else:
        default = "" if required and create else "default=strawberry.UNSET, "
    annotation = f.annotation if (required and create) or given else f"{f.annotation} | None"
    return (
        f"    {f.python}: {annotation} = strawberry.field({default}name={f.visma!r}, "
        f"description={f.description!r}, metadata={metadata!r})\n"
    )


def render_root(resource: Resource, fields: Iterable[InputField], create: bool) -> str:
    """``Create<Name>Input`` or ``Update<Name>Input``."""
    writes = resource.writes
    assert writes is not None
    verb = "Create" if create else "Update"
    if create:
        doc = (
            f"A new {type_name(resource.name)} record (POST {resource.path}): every property "
            f"of {writes.dto}; omitted fields take Visma.net's defaults."
        )
    else:
        doc = (
            f"{type_name(resource.name)} fields to change (PUT "
            f"{(resource.record_path or resource.path).replace('{}', '…')}): every property "
            f"of {writes.dto} but the create-only ones; omitted fields are left as they are."
        )
    header = f"class {verb}{resource.name}Input(MutationInput):"
    out = [f"\n\n@strawberry.input(description={doc!r})\n{header}\n"]
    defaults = dict(writes.defaults) if create else {}
    for f in fields:
        if not create and f.visma in writes.create_only:
            continue
        required = f.visma in writes.required
        out.append(_field(f, required=required, create=create, given=defaults.get(f.visma)))
    return "".join(out)


def render_nested(dto: str, description: str, fields: Iterable[InputField]) -> str:
    """One nested update DTO as an input type."""
    doc = describe(description) or (
        f"The {words(type_name(dto))} part of a write ({dto}): omitted fields are left as they are."
    )
    out = [f"\n\n@strawberry.input(description={doc!r})\nclass {input_name(dto)}:\n"]
    out.extend(_field(f) for f in fields)
    return "".join(out)


def checks_version(paths: dict[str, Any], resource: Resource) -> bool:
    """Whether the spec gives the PUT of ``resource``'s record an ``If-Match`` header (Visma
    checks versions only there: not on customers and contacts)."""
    wanted = resource.single_path.casefold()
    for path, operations in paths.items():
        if re.sub(r"\{[^}]*\}", "{}", path).casefold() != wanted:
            continue
        put = operations.get("put") or {}
        return any(
            p.get("in") == "header" and p.get("name") == "If-Match"
            for p in put.get("parameters", [])
        )
    return False


def render(
    schemas: dict[str, Any],
    resources: Iterable[Resource],
    enums: dict[str, Enum],
    taken: set[str],
    paths: dict[str, Any],
) -> str:
    """The body of ``inputs.py`` (without imports); ``taken`` are the names of the generated
    output types, which no input may reuse; ``paths`` the spec's, for the updates Visma
    checks versions on."""
    out: list[str] = []
    nested: dict[str, str] = {}
    index: list[str] = []
    for resource in resources:
        if resource.writes is None:
            continue
        dto = resource.writes.dto
        fields = input_fields(schemas, dto, resource, enums, resource.dto)
        out.append(render_root(resource, fields, create=False))
        out.append(render_root(resource, fields, create=True))
        index.append(resource.name)
        for inner in nested_dtos(schemas, dto)[1:]:
            if inner not in nested:
                own = input_fields(schemas, inner, resource, enums)
                nested[inner] = render_nested(inner, schemas[inner].get("description"), own)
    for name in sorted(nested):
        if input_name(name) in taken:
            raise ValueError(f"the input {input_name(name)} would clash with a generated type")
        out.append(nested[name])
    out.append("\n\n# The create and update inputs of each resource that declares writes.\n")
    out.append("INPUTS: dict[str, tuple[type[MutationInput], type[MutationInput]]] = {\n")
    out.extend(f"    {n!r}: (Create{n}Input, Update{n}Input),\n" for n in index)
    out.append("}\n")
    versioned = sorted(r.name for r in resources if r.writes and checks_version(paths, r))
    out.append("# The resources whose update Visma checks If-Match on (the spec declares it).\n")
    out.append(f"VERSIONED_UPDATES = frozenset({versioned!r})\n")
    return "".join(out)
