"""Reading DTO values: the date-time forms Visma mixes, money and enums."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from schema.types.common import Address, Contact
from schema.types.enums import SupplierStatus
from schema.types.values import enum_value, integer, money, parse_date, parse_datetime

NOON_UTC = datetime(2026, 3, 1, 10, 15, 30, 123000, tzinfo=UTC)


@pytest.mark.parametrize(
    "raw",
    [
        "2026-03-01T10:15:30.123Z",
        "2026-03-01T11:15:30.123+01:00",
        "2026-03-01T10:15:30.123",
        "2026-03-01T10:15:30.1230000",
        "2026-03-01 10:15:30.123",
    ],
)
def test_all_date_time_forms_parse_to_the_same_instant(raw: str) -> None:
    assert parse_datetime(raw) == NOON_UTC


def test_unreadable_date_times_become_null() -> None:
    assert parse_datetime("yesterday") is None
    assert parse_datetime(None) is None
    assert parse_datetime(12) is None


def test_document_dates_keep_their_calendar_day() -> None:
    assert parse_date("2026-03-01T00:00:00") == date(2026, 3, 1)
    assert parse_date("2026-13-01T00:00:00") is None


def test_money_is_exact() -> None:
    assert str(money(1234.56)) == "1234.56"
    assert str(money(0.0)) == "0.00"
    assert str(money(9323.3)) == "9323.30"
    assert str(money(458.3125)) == "458.3125"
    assert money(float("nan")) is None
    tenth, fifth = money(0.1), money(0.2)
    assert tenth is not None and fifth is not None
    assert tenth + fifth == Decimal("0.3")
    assert money(7) == Decimal(7)
    assert money(True) is None
    assert money("n/a") is None


def test_money_beyond_decimal_precision_keeps_every_digit() -> None:
    # Quantizing to cents past the default 28 digits raised InvalidOperation: a 500.
    assert money(1e300) == Decimal("1e300")
    assert str(money(10**30)) == "1" + "0" * 30 + ".00"
    assert str(money("12345678901234567890123456.7")) == "12345678901234567890123456.70"


def test_whole_numbers_beyond_graphql_int_become_null() -> None:
    # GraphQL's Int is 32-bit: a larger value failed the whole field with an uncoded error.
    assert (integer(2**31 - 1), integer(-(2**31))) == (2**31 - 1, -(2**31))
    assert (integer(2**31), integer(2**53 + 1), integer(-(2**31) - 1)) == (None, None, None)
    assert (integer(True), integer(1.5)) == (None, None)


def test_address_and_contact_ids_beyond_graphql_int_become_null() -> None:
    address = Address.from_dto({"addressId": 2**53 + 1, "city": "Oslo"})
    contact = Contact.from_dto({"contactId": 2**31, "name": "Kari"})
    assert address is not None and contact is not None
    assert (address.address_id, contact.contact_id) == (None, None)
    assert (address.city, contact.name) == ("Oslo", "Kari")


def test_new_enum_values_become_null() -> None:
    assert enum_value(SupplierStatus, "OnHold") is SupplierStatus.ON_HOLD
    assert enum_value(SupplierStatus, "Suspended") is None
