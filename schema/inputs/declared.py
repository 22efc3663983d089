"""Any generated input (``schema/generated/inputs.py``) → its Visma update DTO.

Each field's ``metadata`` carries its Visma name and how it goes on the wire (``Wire``), as
the generator read them from the spec, so this one builder writes every declared resource's
DTO: only given fields are sent, an explicit null as ``{"value": null}``, except on the
fields a create requires, which are refused (BAD_USER_INPUT naming the input path), and a
line to update or delete must name its line.
"""

from __future__ import annotations

from typing import Any

from gateway.resources.declaration import Wire
from schema.inputs.common import LineOperation
from schema.inputs.wire import DtoBuilder

# The properties by which a line is named, for Visma to know which one to change.
_LINE_NUMBERS = frozenset({"lineNumber", "lineNbr"})


def build_dto(value: Any, dto: DtoBuilder) -> None:
    """Fill ``dto`` with the given fields of ``value``, an instance of a generated input."""
    definition = type(value).__strawberry_definition__
    if getattr(value, "operation", None) in (LineOperation.UPDATE, LineOperation.DELETE):
        for f in definition.fields:
            if (f.metadata or {}).get("visma") in _LINE_NUMBERS:
                dto.require(f.metadata["visma"], getattr(value, f.python_name))
    for f in definition.fields:
        metadata = f.metadata or {}
        if "wire" not in metadata:
            continue  # clientMutationId: the gateway's own
        name: str = metadata["visma"]
        given = getattr(value, f.python_name)
        match Wire(metadata["wire"]):
            case Wire.VALUE:
                dto.value(name, name, given, clearable=not metadata.get("required", False))
            case Wire.PLAIN:
                dto.plain(name, name, given)
            case Wire.VALUE_OBJECT:
                dto.nested(name, name, given, build_dto)
            case Wire.OBJECT:
                dto.object(name, name, given, build_dto)
            case Wire.OBJECTS:
                dto.objects(name, name, given, build_dto)
