"""The generated list filters (``schema/generated/filters.py``) turned into Visma's query
parameters: each field under the parameter's own name, its value written as Visma reads it.

A ``<name>Condition`` field is the comparison of field ``<name>``; Visma calls the two
"mutually inclusive", so one without the other is refused here rather than by Visma.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

from gateway.errors import BadUserInput
from schema.types.enums import sent

Params = dict[str, str]
_CONDITION = "Condition"


class QueryParams:
    """Base of the generated filter inputs: ``to_params`` sends every field that is set."""

    def to_params(self) -> Params:
        """The query parameters of this filter, by Visma's names."""
        definition = type(self).__strawberry_definition__  # type: ignore[attr-defined]
        names = {f.python_name: f.graphql_name or f.python_name for f in definition.fields}
        params: Params = {}
        for python, visma in names.items():
            value = getattr(self, python)
            if value is not None:
                params[visma] = written(value, f"filter.{visma}")
        for visma in names.values():
            if visma.endswith(_CONDITION) and visma[: -len(_CONDITION)] in names.values():
                _pair(params, visma[: -len(_CONDITION)], visma)
        return params


def _pair(params: Params, value: str, condition: str) -> None:
    if (value in params) != (condition in params):
        given, missing = (value, condition) if value in params else (condition, value)
        raise BadUserInput(
            f"filter.{given} needs filter.{missing}: Visma.net takes the two together",
            field=f"filter.{missing}",
        )


def written(value: Any, field: str) -> str:
    """``value`` as Visma reads it in a query string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return sent(value, field)
    if isinstance(value, dt.datetime):
        utc: dt.datetime = value
        if utc.tzinfo is not None:
            utc = utc.astimezone(dt.UTC).replace(tzinfo=None)
        return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise BadUserInput(f"{field} must be a finite number", field=field)
        return format(value, "f")
    return str(value)
