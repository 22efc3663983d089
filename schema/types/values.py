"""Reading values out of Visma DTOs: tolerant of missing fields and of mixed date forms."""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime
from decimal import Context, Decimal, InvalidOperation
from enum import Enum
from typing import Any, TypeVar

log = logging.getLogger(__name__)

E = TypeVar("E", bound=Enum)

# Visma sends fractions of any length; Python before 3.12 wants none, 3 or 6 digits.
_FRACTION = re.compile(r"(\.\d+)")


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


_CENTS = Decimal("0.01")


def decimal(value: Any) -> Decimal | None:
    """A JSON number as an exact Decimal, via its shortest decimal form."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def money(value: Any) -> Decimal | None:
    """An amount, with at least two decimals: ``1200`` reads ``1200.00``, ``0.1`` reads
    ``0.10``, ``458.3125`` stays as it is."""
    amount = decimal(value)
    if amount is None:
        return None
    exponent = amount.as_tuple().exponent
    if not isinstance(exponent, int) or exponent <= -2:
        return amount
    # Enough digits for every one of the amount's plus two decimals: no rounding, no overflow.
    return amount.quantize(_CENTS, context=Context(prec=max(amount.adjusted(), 0) + 3))


def parse_datetime(value: Any) -> datetime | None:
    """A Visma date-time in any of its forms: ``…Z``, ``…+01:00`` or without an offset.

    Values without an offset are taken as UTC. The result is always timezone-aware UTC.
    """
    if not isinstance(value, str) or not value:
        return None
    normalized = value.strip().replace(" ", "T", 1)
    if normalized.endswith(("Z", "z")):
        normalized = normalized[:-1] + "+00:00"
    normalized = _FRACTION.sub(lambda m: (m.group(1) + "000000")[:7], normalized, count=1)
    try:
        parsed = datetime.fromisoformat(normalized)
    except ValueError:
        log.warning("unreadable date-time from Visma.net: %r", value[:40])
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_date(value: Any) -> date | None:
    """The calendar date of a Visma document date (sent as a date-time at midnight)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        log.warning("unreadable date from Visma.net: %r", value[:40])
        return None


def enum_value(enum: type[E], value: Any) -> E | None:
    """The member of ``enum`` whose value Visma sent; None (and a log line) for new values."""
    if not isinstance(value, str):
        return None
    try:
        return enum(value)
    except ValueError:
        log.warning("unknown %s value from Visma.net: %r", enum.__name__, value[:40])
        return None


def obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
