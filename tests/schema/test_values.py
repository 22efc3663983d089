"""Reading DTO values: the date-time forms Visma mixes, numbers and enums."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from schema.types.enums import SupplierStatus
from schema.types.record import member
from schema.types.values import decimal, integer, parse_datetime

NOON_UTC = datetime(2026, 3, 1, 10, 15, 30, 123000, tzinfo=UTC)


@pytest.mark.parametrize(
    "raw",
    [
        "2026-03-01T10:15:30.123Z",
        "2026-03-01T11:15:30.123+01:00",
        "2026-03-01T10:15:30.123",
        "2026-03-01T10:15:30.1230000",
        "2026-03-01 10:15:30.123",
        " 2026-03-01T10:15:30.123z ",
    ],
)
def test_all_date_time_forms_parse_to_the_same_instant(raw: str) -> None:
    assert parse_datetime(raw) == NOON_UTC


def test_unreadable_date_times_become_null() -> None:
    assert parse_datetime("yesterday") is None
    assert parse_datetime(None) is None
    assert parse_datetime(12) is None


def test_decimals_are_exact() -> None:
    tenth, fifth = decimal(0.1), decimal(0.2)
    assert tenth is not None and fifth is not None
    assert tenth + fifth == Decimal("0.3")
    assert str(decimal(458.3125)) == "458.3125"
    assert decimal(float("nan")) is None
    assert decimal(True) is None
    assert decimal("n/a") is None


def test_whole_numbers_beyond_graphql_int_become_null() -> None:
    # GraphQL's Int is 32-bit: a larger value failed the whole field with an uncoded error.
    assert (integer(2**31 - 1), integer(-(2**31))) == (2**31 - 1, -(2**31))
    assert (integer(2**31), integer(2**53 + 1), integer(-(2**31) - 1)) == (None, None, None)
    assert (integer(True), integer(1.5)) == (None, None)


def test_new_enum_values_read_as_unknown() -> None:
    assert member(SupplierStatus, "OnHold") is SupplierStatus.ON_HOLD
    assert member(SupplierStatus, "Suspended") is SupplierStatus.UNKNOWN
