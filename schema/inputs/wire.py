"""Plain GraphQL input values → Visma ``*UpdateDto`` JSON.

Only given fields are sent (``strawberry.UNSET`` means "not given"); every field is wrapped
as ``{"value": ...}``; an explicit null becomes ``{"value": null}`` where the API lets a
field be blanked, and is refused with BAD_USER_INPUT where it does not. The builder also
records which input path each DTO field came from, so upstream validation messages that
name a DTO field can point at the input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry

from gateway.errors import BadUserInput
from schema.types.enums import sent

Json = Any


def scalar(value: Any) -> Json:
    """A GraphQL input value as the JSON Visma expects."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class DtoBuilder:
    """Collects one DTO object's fields and where in the input each came from."""

    def __init__(self, path: str, fields: dict[str, str] | None = None) -> None:
        self.path = path
        self.body: dict[str, Json] = {}
        self.fields: dict[str, str] = {} if fields is None else fields

    def value(
        self, dto_name: str, input_name: str, value: Any, *, clearable: bool = True
    ) -> DtoBuilder:
        """Send ``{"value": value}`` under ``dto_name`` if the input gave ``input_name``."""
        if value is strawberry.UNSET:
            return self
        path = self._note(dto_name, input_name)
        if value is None and not clearable:
            raise BadUserInput(f"{path} cannot be cleared (null is not allowed)", field=path)
        if isinstance(value, Enum):
            sent(value, path)
        self.body[dto_name] = {"value": None if value is None else scalar(value)}
        return self

    def plain(self, dto_name: str, input_name: str, value: Any) -> DtoBuilder:
        """Send ``value`` itself (a flag or a line's ``operation``) if the input gave it."""
        if value is strawberry.UNSET:
            return self
        path = self._note(dto_name, input_name)
        if isinstance(value, Enum):
            sent(value, path)
        self.body[dto_name] = (
            [scalar(v) for v in value] if isinstance(value, list) else (scalar(value))
        )
        return self

    def require(self, input_name: str, value: Any) -> None:
        """Refuse a missing or null field that the write cannot do without."""
        if value is strawberry.UNSET or value is None:
            path = f"{self.path}.{input_name}"
            raise BadUserInput(f"{path} is required", field=path)

    def nested(
        self,
        dto_name: str,
        input_name: str,
        value: Any,
        build: Callable[[Any, DtoBuilder], None],
    ) -> DtoBuilder:
        """A wrapped sub-object (an address, a contact): ``{"value": {...}}`` or null."""
        return self._object(dto_name, input_name, value, build, wrapped=True)

    def object(
        self,
        dto_name: str,
        input_name: str,
        value: Any,
        build: Callable[[Any, DtoBuilder], None],
    ) -> DtoBuilder:
        """An unwrapped sub-object: ``{...}`` or null."""
        return self._object(dto_name, input_name, value, build, wrapped=False)

    def objects(
        self,
        dto_name: str,
        input_name: str,
        value: Any,
        build: Callable[[Any, DtoBuilder], None],
    ) -> DtoBuilder:
        """An unwrapped array of objects, each built by ``build`` (its ``operation``, where
        it has one, among its fields)."""
        return self._array(dto_name, input_name, value, build, "send a list")

    def _object(
        self,
        dto_name: str,
        input_name: str,
        value: Any,
        build: Callable[[Any, DtoBuilder], None],
        *,
        wrapped: bool,
    ) -> DtoBuilder:
        if value is strawberry.UNSET:
            return self
        path = self._note(dto_name, input_name)
        body = None
        if value is not None:
            inner = DtoBuilder(path, self.fields)
            build(value, inner)
            body = inner.body
        self.body[dto_name] = {"value": body} if wrapped else body
        return self

    def _array(
        self,
        dto_name: str,
        input_name: str,
        value: Any,
        build: Callable[[Any, DtoBuilder], None],
        hint: str,
    ) -> DtoBuilder:
        if value is strawberry.UNSET:
            return self
        path = self._note(dto_name, input_name)
        if value is None:
            raise BadUserInput(f"{path} cannot be null; {hint}", field=path)
        items = []
        for index, item in enumerate(value):
            inner = DtoBuilder(f"{path}.{index}", self.fields)
            build(item, inner)
            items.append(inner.body)
        self.body[dto_name] = items
        return self

    def _note(self, dto_name: str, input_name: str) -> str:
        path = f"{self.path}.{input_name}"
        self.fields.setdefault(dto_name.lower(), path)
        return path
