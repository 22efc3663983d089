"""The items of a list answer, kept as text until they are read."""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest

from gateway.resources.declaration import read_path
from gateway.upstream.rows import Rows, decoded, to_json

INVOICES: list[dict[str, Any]] = [
    {"referenceNumber": "1", "supplier": {"number": "Ø-10", "name": "Ærø"}, "amount": 1.5},
    {"referenceNumber": "2", "supplier": {"number": 20}, "lines": [{"a": [1, {"b": None}]}]},
    {"referenceNumber": "3"},
    {"referenceNumber": "4", "supplier": "not an object"},
    {"referenceNumber": "5", "supplier": {"number": "Ø-10"}, "metadata": {"totalCount": 5}},
]
TEXT = json.dumps(INVOICES, ensure_ascii=False, indent=2).encode()


def test_a_parsed_list_decodes_to_what_visma_sent() -> None:
    rows = Rows.parse(TEXT)

    assert len(rows) == 5
    assert rows.are_objects()
    assert rows.first() == INVOICES[0]
    assert rows.items() == INVOICES


@pytest.mark.parametrize(
    "text",
    [
        b'[{"a": 1,}]',  # malformed
        b'[{"a": 1}',  # cut off
        b'{"a": 1}',  # not a list
        b'[{"a": "\xff"}]',  # not UTF-8, inside a string the split does not look into
        b'[{"a": 1}] [',  # trailing text
    ],
)
def test_unreadable_text_is_refused_when_parsed(text: bytes) -> None:
    with pytest.raises(ValueError):
        Rows.parse(text)


def test_a_list_with_an_item_that_is_not_an_object_is_told() -> None:
    assert not Rows.parse(b'[{"a": 1}, 3]').are_objects()
    assert not Rows.of([{"a": 1}, 3]).are_objects()  # type: ignore[list-item]
    assert Rows.parse(b"[]").are_objects()


@pytest.mark.parametrize("rows", [Rows.parse(TEXT), Rows.of(INVOICES)], ids=["text", "decoded"])
def test_keys_are_read_as_read_path_reads_them(rows: Rows) -> None:
    path = ("supplier", "number")

    assert rows.keys_at(path) == [read_path(item, path) for item in INVOICES]
    assert rows.keys_at(path) == ["Ø-10", "20", None, None, "Ø-10"]
    assert rows.keys_at(("referenceNumber",)) == ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize("rows", [Rows.parse(TEXT), Rows.of(INVOICES)], ids=["text", "decoded"])
def test_a_group_taken_holds_its_items_in_order(rows: Rows) -> None:
    group = rows.take([4, 0])

    assert len(group) == 2
    assert group.items() == [INVOICES[4], INVOICES[0]]
    assert orjson.loads(group.encoded()) == [INVOICES[4], INVOICES[0]]


def test_a_group_taken_from_text_is_text_of_its_own() -> None:
    group = Rows.parse(TEXT).take([0])

    # Its own text, not the whole answer's: the answer can be freed while the group is kept.
    assert len(group.encoded()) < len(TEXT) // 3
    assert orjson.loads(group.encoded()) == [INVOICES[0]]


def test_lists_joined_keep_their_order_in_either_form() -> None:
    first, second = INVOICES[:2], INVOICES[2:]
    as_text = Rows.concat([Rows.parse(orjson.dumps(first)), Rows.parse(orjson.dumps(second))])
    mixed = Rows.concat([Rows.parse(orjson.dumps(first)), Rows.of(second)])

    assert len(as_text) == len(mixed) == 5
    assert as_text.items() == mixed.items() == INVOICES
    assert as_text.keys_at(("supplier", "number")) == mixed.keys_at(("supplier", "number"))


def test_a_list_read_once_stays_decoded() -> None:
    rows = Rows.parse(TEXT)

    assert rows.items() is rows.items()
    assert rows.first() is rows.items()[0]
    assert orjson.loads(rows.encoded()) == INVOICES


def test_cached_values_of_either_backend_read_as_items() -> None:
    assert decoded(None) == []
    assert decoded(INVOICES) is INVOICES
    assert decoded(Rows.parse(TEXT)) == INVOICES


def test_rows_are_written_as_their_json_text() -> None:
    value = {"group": Rows.parse(TEXT).take([2]), "n": 1}

    assert orjson.loads(orjson.dumps(value, default=to_json)) == {"group": [INVOICES[2]], "n": 1}
    with pytest.raises(TypeError):
        orjson.dumps({"other": object()}, default=to_json)
