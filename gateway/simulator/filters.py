"""Query filters of the Visma.net list endpoints.

Each filter reads its parameters from the (lowercased) query and returns a predicate, or
None when the caller did not ask for it. Invalid values raise a 400 :class:`ApiError` with a
plain explanation, as Visma does. Comparison filters come in pairs: ``<name>`` with
``<name>Condition`` (``>``, ``<``, ``>=``, ``<=``); one without the other is an error.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from gateway.simulator.errors import bad_request
from gateway.simulator.timeformat import read_filter_value, read_stamp

Record = dict[str, Any]
Predicate = Callable[[Record], bool]
Params = Mapping[str, str]
"""Query parameters keyed by lowercased name; empty values already dropped."""

Getter = Callable[[Record], Any]
ManyGetter = Callable[[Record], Iterable[Any]]

_CONDITIONS: dict[str, Callable[[Any, Any], bool]] = {
    ">": operator.gt,
    "<": operator.lt,
    ">=": operator.ge,
    "<=": operator.le,
}
_DATE_FORMATS = "yyyy-MM-dd, yyyy-MM-dd HH:mm:ss[.FFF] or yyyy-MM-ddTHH:mm:ss[.FFF]"


class Filter(Protocol):
    def build(self, params: Params) -> Predicate | None: ...


def field(*path: str) -> Getter:
    """A getter for a nested field, e.g. ``field("supplier", "number")``; None if absent."""

    def get(record: Record) -> Any:
        value: Any = record
        for key in path:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    return get


def each(items_key: str, *path: str) -> ManyGetter:
    """A getter for a field of every element of a list field, e.g. each line's project id."""
    inner = field(*path)

    def get(record: Record) -> Iterable[Any]:
        return (inner(item) for item in record.get(items_key) or ())

    return get


def apply(filters: Iterable[Filter], params: Params, records: list[Record]) -> list[Record]:
    """Validate every filter first, then keep the records that satisfy all requested ones."""
    predicates = [p for p in (f.build(params) for f in filters) if p is not None]
    if not predicates:
        return records
    return [record for record in records if all(p(record) for p in predicates)]


@dataclass(frozen=True)
class Equals:
    """Exact text match."""

    param: str
    get: Getter

    def build(self, params: Params) -> Predicate | None:
        wanted = params.get(self.param.lower())
        if wanted is None:
            return None
        return lambda record: self.get(record) == wanted


@dataclass(frozen=True)
class Contains:
    """Case-insensitive substring match."""

    param: str
    get: Getter

    def build(self, params: Params) -> Predicate | None:
        wanted = params.get(self.param.lower())
        if wanted is None:
            return None
        needle = wanted.casefold()
        return lambda record: needle in str(self.get(record) or "").casefold()


@dataclass(frozen=True)
class AnyEquals:
    """Exact match against any of several values (e.g. the projects of all lines)."""

    param: str
    get: ManyGetter

    def build(self, params: Params) -> Predicate | None:
        wanted = params.get(self.param.lower())
        if wanted is None:
            return None
        return lambda record: any(value == wanted for value in self.get(record))


@dataclass(frozen=True)
class OneOf:
    """An enum parameter; matched case-insensitively like ASP.NET binds enums."""

    param: str
    get: Getter
    allowed: tuple[str, ...]

    def build(self, params: Params) -> Predicate | None:
        given = params.get(self.param.lower())
        if given is None:
            return None
        canonical = {value.lower(): value for value in self.allowed}.get(given.strip().lower())
        if canonical is None:
            raise bad_request(
                f"The value '{given}' is not valid for {self.param}. "
                f"Valid values are: {', '.join(self.allowed)}."
            )
        return lambda record: self.get(record) == canonical


@dataclass(frozen=True)
class Released:
    """``released=1`` keeps released documents, ``released=0`` those on Hold or Balanced."""

    param: str = "released"

    def build(self, params: Params) -> Predicate | None:
        given = params.get(self.param.lower())
        if given is None:
            return None
        flag = given.strip()
        if flag not in ("0", "1"):
            raise bad_request(f"The value '{given}' is not valid for released. Use 0 or 1.")
        want_released = flag == "1"
        return lambda record: (record.get("status") not in ("Hold", "Balanced")) == want_released


@dataclass(frozen=True)
class GreaterThan:
    """``greaterThanValue``: records whose key sorts after the given value."""

    get: Getter
    param: str = "greaterThanValue"

    def build(self, params: Params) -> Predicate | None:
        given = params.get(self.param.lower())
        if given is None:
            return None
        return lambda record: str(self.get(record)) > given


@dataclass(frozen=True)
class DateCompare:
    """A date-time comparison; with several record values any one may satisfy it."""

    param: str
    get: ManyGetter

    def build(self, params: Params) -> Predicate | None:
        pair = _pair(params, self.param)
        if pair is None:
            return None
        compare, text = pair
        bound = read_filter_value(text)
        if bound is None:
            raise bad_request(
                f"The value '{text}' is not a valid date for {self.param}. Use {_DATE_FORMATS}."
            )

        def matches(record: Record) -> bool:
            return any(
                compare(read_stamp(value), bound) for value in self.get(record) if value is not None
            )

        return matches


@dataclass(frozen=True)
class NumberCompare:
    """A numeric comparison such as ``balance`` with ``balanceCondition``."""

    param: str
    get: Getter

    def build(self, params: Params) -> Predicate | None:
        pair = _pair(params, self.param)
        if pair is None:
            return None
        compare, text = pair
        try:
            bound = float(text)
        except ValueError:
            bound = math.nan
        if not math.isfinite(bound):
            raise bad_request(f"The value '{text}' is not a valid number for {self.param}.")

        def matches(record: Record) -> bool:
            value = self.get(record)
            return value is not None and compare(value, bound)

        return matches


def single(get: Getter) -> ManyGetter:
    """Adapt a one-value getter for :class:`DateCompare`."""
    return lambda record: (get(record),)


def _pair(params: Params, param: str) -> tuple[Callable[[Any, Any], bool], str] | None:
    condition_param = f"{param}Condition"
    value = params.get(param.lower())
    condition = params.get(condition_param.lower())
    if value is None and condition is None:
        return None
    if value is None or condition is None:
        raise bad_request(f"{param} and {condition_param} must be used together.")
    compare = _CONDITIONS.get(condition.strip())
    if compare is None:
        raise bad_request(
            f"The value '{condition}' is not valid for {condition_param}. "
            "Valid values are: >, <, >=, <=."
        )
    return compare, value
