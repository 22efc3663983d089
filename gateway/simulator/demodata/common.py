"""Small helpers shared by the record generators: money, periods, instants, stamps.

Every helper that draws randomness takes the company's own ``random.Random`` so the data
depends only on the seed, never on global state or string hashing.
"""

from __future__ import annotations

import base64
import functools
import itertools
import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from gateway.simulator.timeformat import StampForm, write_stamp

T = TypeVar("T")

AS_OF = datetime(2026, 3, 31, 16, 0, tzinfo=UTC)
"""The moment the demo books were exported: no record is dated or modified after it."""

Record = dict[str, Any]

_STAMP_FORMS = (StampForm.UTC_MILLIS, StampForm.OFFSET, StampForm.NAIVE)
_STAMP_WEIGHTS = (50, 25, 25)


def money(amount_cents: int) -> float:
    """An amount in cents as the JSON number Visma serves (at most two decimals)."""
    return amount_cents / 100


def cents(amount: float) -> int:
    """The inverse of :func:`money`."""
    return round(amount * 100)


def convert(amount_cents: int, rate_millis: int) -> int:
    """Convert cents with a rate given in thousandths, rounding half up."""
    return (amount_cents * rate_millis + 500) // 1000


def percent_of(amount_cents: int, rate: int) -> int:
    """``rate`` percent of an amount in cents, rounding half up."""
    return (amount_cents * rate + 50) // 100


def period(day: date) -> str:
    """The financial period ``YYYYPP`` of a day (periods are calendar months)."""
    return f"{day.year}{day.month:02d}"


def weighted(rng: random.Random, options: Sequence[T], weights: Sequence[int]) -> T:
    """One of ``options``, drawn with the given relative weights."""
    return rng.choices(options, cum_weights=_cumulative(tuple(weights)))[0]


@functools.lru_cache(maxsize=256)
def _cumulative(weights: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(itertools.accumulate(weights))


def working_moment(rng: random.Random, day: date) -> datetime:
    """A random instant during office hours (UTC) on ``day``, never after :data:`AS_OF`."""
    moment = datetime(day.year, day.month, day.day, 6, tzinfo=UTC) + timedelta(
        milliseconds=rng.randrange(10 * 3600 * 1000)
    )
    return min(moment, AS_OF)


def later(rng: random.Random, moment: datetime, max_days: int) -> datetime:
    """A random instant up to ``max_days`` after ``moment``, never after :data:`AS_OF`."""
    shifted = moment + timedelta(seconds=rng.randrange(max(1, max_days * 86400)))
    return min(shifted, AS_OF)


def stamp(rng: random.Random, moment: datetime) -> str:
    """Write ``moment`` in one of the three forms Visma mixes, chosen by the seed."""
    return write_stamp(moment, weighted(rng, _STAMP_FORMS, _STAMP_WEIGHTS))


def row_version(rng: random.Random) -> str:
    """A ``timeStamp`` value: a base64 SQL rowversion, as Visma uses for ETags."""
    value = 0x0000_0000_0100_0000 + rng.randrange(1 << 30)
    return base64.b64encode(value.to_bytes(8, "big")).decode("ascii")


def digits(rng: random.Random, count: int) -> str:
    return f"{rng.randrange(10**count):0{count}d}"


def supplier_ref(supplier: Record) -> Record:
    """The ``{internalId, number, name}`` reference documents embed."""
    return {
        "internalId": supplier["internalId"],
        "number": supplier["number"],
        "name": supplier["name"],
    }
