"""The first item of a list answer, found while the answer is still arriving."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gateway.upstream.first_item import LOOK_AHEAD_BYTES, MAX_TRIES, FirstItem

PAGE = [
    {"number": "Ø-1", "name": "Ærø Fisk", "metadata": {"totalCount": 2, "maxPageSize": 1000}},
    {"number": "Ø-2", "name": "Second"},
]


def fed(pieces: list[bytes]) -> tuple[list[dict[str, Any]], list[int]]:
    """The items found, and after how many pieces each was."""
    found: list[dict[str, Any]] = []
    when: list[int] = []
    watcher = FirstItem(found.append)
    for count, piece in enumerate(pieces, start=1):
        watcher(piece)
        when += [count] * (len(found) - len(when))
    return found, when


def split(body: bytes, size: int) -> list[bytes]:
    return [body[at : at + size] for at in range(0, len(body), size)]


@pytest.mark.parametrize("size", [1, 2, 7, 4096])
def test_the_first_item_is_found_once_whatever_the_pieces(size: int) -> None:
    body = b" \n" + json.dumps(PAGE, ensure_ascii=False, indent=1).encode()

    found, _ = fed(split(body, size))

    assert found == [PAGE[0]]


def test_the_item_is_handed_over_as_soon_as_it_is_complete() -> None:
    body = json.dumps(PAGE).encode()
    end_of_first = len(json.dumps(PAGE[0])) + 1  # after "[" and the item

    found, when = fed([body[: end_of_first - 1], body[end_of_first - 1 : end_of_first], body])

    assert found == [PAGE[0]]
    assert when == [2]


@pytest.mark.parametrize(
    "body",
    [b"[]", b" [ ] ", b'{"items": [{"a": 1}]}', b"[1, 2]", b'["a"]', b"null", b"\xff[{}]"],
)
def test_nothing_is_found_in_what_is_no_list_of_objects(body: bytes) -> None:
    assert fed(split(body, 1)) == ([], [])


def test_an_item_larger_than_the_look_ahead_is_not_waited_for() -> None:
    large = {"note": "x" * LOOK_AHEAD_BYTES, "metadata": {"totalCount": 1}}
    body = json.dumps([large]).encode()

    assert fed(split(body, 64 * 1024)) == ([], [])


def test_an_item_trickling_in_brace_by_brace_is_given_up() -> None:
    body = json.dumps([{"parts": [{}] * MAX_TRIES}]).encode()
    pieces = [piece + b"}" for piece in body.split(b"}")[:-1]]

    assert b"".join(pieces) == body[:-1]
    assert fed(pieces) == ([], [])
    whole_sooner = [*pieces[:-2], pieces[-2] + pieces[-1]]
    assert fed(whole_sooner)[0] == [json.loads(body)[0]]


def test_broken_json_is_left_for_the_whole_answer_to_report() -> None:
    assert fed([b'[{"a": 1,, "b": 2}', b"]"]) == ([], [])
