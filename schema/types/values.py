"""Reading values out of Visma DTOs: tolerant of missing fields and of mixed date forms."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from math import isfinite
from typing import Any

log = logging.getLogger(__name__)


def text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


# GraphQL's Int is a signed 32-bit integer; Visma's int32 properties fit unless Visma misbehaves.
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


def integer(value: Any) -> int | None:
    """A whole number GraphQL's Int can carry; null (logged) for one beyond 32 bits."""
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    if not _INT_MIN <= value <= _INT_MAX:
        log.warning("whole number beyond 32 bits from Visma.net: %d", value)
        return None
    return value


def boolean(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def decimal(value: Any) -> Decimal | None:
    """A JSON number as an exact Decimal, via its shortest decimal form."""
    if type(value) is float:  # most amounts: a float's repr is a valid decimal once finite
        return Decimal(repr(value)) if isfinite(value) else None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_datetime(value: Any) -> datetime | None:
    """A Visma date-time in any of its forms: ``…Z``, ``…+01:00`` or without an offset.

    Values without an offset are taken as UTC. The result is always timezone-aware UTC.
    """
    if not isinstance(value, str) or not value:
        return None
    try:
        # Python 3.11 reads Visma's usual forms as they are; normalising first would cost
        # every value of a large answer a regular expression.
        parsed: datetime | None = datetime.fromisoformat(value)
    except ValueError:
        parsed = _normalized(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _normalized(value: str) -> datetime | None:
    """The odd forms ``fromisoformat`` refuses: surrounding spaces, a lowercase ``z``."""
    normalized = value.strip()
    if normalized.endswith("z"):
        normalized = normalized[:-1] + "Z"
    try:
        return datetime.fromisoformat(normalized)
    except ValueError:
        log.warning("unreadable date-time from Visma.net: %r", value[:40])
        return None
