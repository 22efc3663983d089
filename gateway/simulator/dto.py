"""Reading Visma ``*UpdateDto`` bodies: ``{"value": ...}`` wrappers, types and line arrays.

A field that is absent is "not given"; ``{"value": null}`` is given and blanks the field.
Errors name the field the way Visma does (``'SupplierClassId'``), in a 400 answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from gateway.simulator.errors import bad_request, invalid_field
from gateway.simulator.timeformat import document_date

LINE_OPERATIONS = ("Insert", "Update", "Delete")


def label(name: str) -> str:
    """A DTO field name as Visma's messages write it: ``supplierClassId`` → ``SupplierClassId``."""
    return name[:1].upper() + name[1:]


class Dto:
    """One DTO object (a body, a wrapped sub-object or a line)."""

    def __init__(self, data: Any) -> None:
        if not isinstance(data, dict):
            raise bad_request("The request is invalid: a JSON object was expected.")
        self.data: dict[str, Any] = data

    def has(self, name: str) -> bool:
        return name in self.data

    def value(self, name: str) -> Any:
        """The unwrapped value of a wrapped field (None when absent or null)."""
        if name not in self.data:
            return None
        wrapper = self.data[name]
        if not isinstance(wrapper, dict) or set(wrapper) - {"value"}:
            raise invalid_field(label(name), 'must be sent as {"value": ...}.')
        return wrapper.get("value")

    def text(self, name: str) -> str | None:
        value = self.value(name)
        if value is not None and not isinstance(value, str):
            raise invalid_field(label(name), "must be a string.")
        return value

    def required_text(self, name: str) -> str:
        """A text field that may not be blank (when given, or on create)."""
        value = self.text(name)
        if value is None or not value.strip():
            raise invalid_field(label(name), "cannot be empty.")
        return value

    def number(self, name: str) -> float | None:
        value = self.value(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise invalid_field(label(name), "must be a number.")
        return None if value is None else float(value)

    def integer(self, name: str) -> int | None:
        value = self.value(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise invalid_field(label(name), "must be a whole number.")
        return value

    def boolean(self, name: str) -> bool | None:
        value = self.value(name)
        if value is not None and not isinstance(value, bool):
            raise invalid_field(label(name), "must be true or false.")
        return value

    def choice(self, name: str, options: tuple[str, ...]) -> str | None:
        value = self.text(name)
        if value is not None and value not in options:
            raise invalid_field(label(name), f"has an invalid value '{value}'.")
        return value

    def day(self, name: str) -> str | None:
        """A date (or date-time) field in the served document-date form."""
        value = self.text(name)
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                parsed = date.fromisoformat(value[:10])
            except ValueError:
                raise invalid_field(label(name), f"has an invalid date '{value}'.") from None
        return document_date(parsed)

    def nested(self, name: str) -> Dto | None:
        """A wrapped sub-object (``mainAddress``: ``{"value": {...}}``), None when null."""
        value = self.value(name)
        return None if value is None else Dto(value)

    def lines(self, name: str) -> list[Line]:
        """An unwrapped line array, each line with its ``operation``."""
        raw = self.data.get(name)
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise invalid_field(label(name), "must be an array.")
        return [Line(item) for item in raw]


class Line(Dto):
    """A line of a line array: a plain ``operation`` plus wrapped fields."""

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        operation = self.data.get("operation", "Insert")
        if operation not in LINE_OPERATIONS:
            raise invalid_field("Operation", f"has an invalid value '{operation}'.")
        self.operation: str = operation


def changed_lines(
    lines: list[Line],
    current: list[dict[str, Any]],
    key: str,
    fill: Callable[[Line, dict[str, Any]], None],
    *,
    sent_as: str | None = None,
    blank: Callable[[], dict[str, Any]] = dict,
) -> list[dict[str, Any]]:
    """Copies of the ``current`` lines with ``lines`` applied by their operation: an insert
    numbered ``key`` (the number given, else the next one) starting from ``blank()``, an
    update or a delete of the line with the number given (400 when there is none). ``fill``
    puts an inserted or updated line's fields on it; ``sent_as`` is the DTO's name of the
    number when it is not ``key``."""
    given = sent_as or key
    result = [dict(line) for line in current]
    for line in lines:
        number = line.integer(given)
        if line.operation == "Insert":
            if number is None:
                number = max((int(r[key]) for r in result), default=0) + 1
            target = {**blank(), key: number}
            result.append(target)
        else:
            found = next((r for r in result if r[key] == number), None)
            if number is None or found is None:
                raise invalid_field(label(given), f"has no line {number} to {line.operation}.")
            if line.operation == "Delete":
                result.remove(found)
                continue
            target = found
        fill(line, target)
    return result


@dataclass(frozen=True)
class Plain:
    """The fields of a DTO that go onto the record as they are, by how each is read."""

    texts: tuple[str, ...] = ()
    booleans: tuple[str, ...] = ()
    integers: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def copy(self, dto: Dto, record: dict[str, Any]) -> None:
        """Put the fields ``dto`` gives onto ``record``, each read (and checked) as its kind."""
        readers = (
            (self.texts, dto.text),
            (self.booleans, dto.boolean),
            (self.integers, dto.integer),
            (self.numbers, dto.number),
        )
        for names, read in readers:
            for name in names:
                if dto.has(name):
                    record[name] = read(name)
        for name, options in self.choices.items():
            if dto.has(name):
                record[name] = dto.choice(name, options)
