"""Date-time text as the Visma.net API writes and reads it.

Served records mix three forms (Visma does): UTC with ``Z`` and milliseconds, local time with
a numeric offset, and a bare time with no designator (which the simulator means as UTC).
Document dates are midnight without designator. Filter values carry no time zone and are
compared as UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from functools import lru_cache


class StampForm(Enum):
    """The three ways a record's date-time is written."""

    UTC_MILLIS = "utc-millis"  # 2026-03-01T10:15:30.123Z
    OFFSET = "offset"  # 2026-03-01T11:15:30+01:00
    NAIVE = "naive"  # 2026-03-01T10:15:30


_FILTER_PATTERN = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})(?:[ T](?P<time>\d{2}:\d{2}:\d{2})(?:\.(?P<frac>\d{1,3}))?)?"
)


def document_date(day: date) -> str:
    """A document date (``date``, ``dueDate`` ...) in Visma's midnight form."""
    return f"{day.isoformat()}T00:00:00"


def write_stamp(moment: datetime, form: StampForm) -> str:
    """Write an aware instant in one of the three served forms.

    The offset form uses Central European time (Norway and Sweden), including summer time.
    """
    utc = moment.astimezone(UTC)
    if form is StampForm.UTC_MILLIS:
        return f"{_seconds(utc)}.{utc.microsecond // 1000:03d}Z"
    if form is StampForm.NAIVE:
        return _seconds(utc)
    hours = 2 if _is_summer_time(utc) else 1
    return f"{_seconds(utc + timedelta(hours=hours))}+{hours:02d}:00"


@lru_cache(maxsize=131072)
def read_stamp(text: str) -> datetime:
    """Parse any served date-time into an aware UTC instant (no designator means UTC)."""
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def read_filter_value(text: str) -> datetime | None:
    """Parse a date filter value (``yyyy-MM-dd[( |T)HH:mm:ss[.FFF]]``) as UTC, or None."""
    match = _FILTER_PATTERN.fullmatch(text.strip())
    if match is None:
        return None
    time = match["time"] or "00:00:00"
    micros = int((match["frac"] or "0").ljust(6, "0"))
    try:
        parsed = datetime.fromisoformat(f"{match['date']}T{time}")
    except ValueError:
        return None
    return parsed.replace(microsecond=micros, tzinfo=UTC)


def _seconds(moment: datetime) -> str:
    return moment.replace(tzinfo=None, microsecond=0).isoformat()


def _is_summer_time(utc: datetime) -> bool:
    # EU rule: summer time from the last Sunday of March to the last Sunday of October, 01:00 UTC.
    start = _last_sunday(utc.year, 3)
    end = _last_sunday(utc.year, 10)
    return start <= utc < end


@lru_cache(maxsize=64)
def _last_sunday(year: int, month: int) -> datetime:
    last_day = date(year, month + 1, 1) - timedelta(days=1)
    sunday = last_day - timedelta(days=(last_day.weekday() + 1) % 7)
    return datetime(sunday.year, sunday.month, sunday.day, 1, tzinfo=UTC)
