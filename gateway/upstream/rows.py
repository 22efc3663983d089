"""The items of a Visma list answer, kept as the JSON text they came in until they are read.

A bulk read brings whole collections: six thousand invoices, for a query about fifty
suppliers. Decoding every one of them was most of a cold query's CPU, and filled the heap
with objects the cache later had to free. A page is split into its items' texts without
decoding them (``parse``), grouped by the one property the grouping needs (``keys_at``,
which decodes only that property), and a group is decoded when a query reads it (``items``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import msgspec
import orjson

from gateway.resources.declaration import Path, read_path

Item = dict[str, Any]

_split = msgspec.json.Decoder(list[msgspec.Raw])
_OPEN_BRACE = ord("{")


class Rows:
    """A list of JSON objects, decoded on first read (and then kept decoded). The decoded
    items are shared by every reader: treat them as read-only."""

    __slots__ = ("_count", "_items", "_parts", "_texts")

    def __init__(
        self,
        count: int,
        *,
        texts: list[bytes] | None = None,
        parts: list[msgspec.Raw] | None = None,
        items: list[Item] | None = None,
    ) -> None:
        self._count = count
        self._texts = texts  # JSON arrays whose items, one after the other, are the list's
        self._parts = parts  # each item's text, within ``_texts`` (split when first needed)
        self._items = items

    @classmethod
    def of(cls, items: list[Item]) -> Rows:
        """Items already decoded."""
        return cls(len(items), items=items)

    @classmethod
    def parse(cls, text: bytes) -> Rows:
        """The items of the JSON array ``text``, split but not decoded. Raises ValueError
        when ``text`` is not well-formed UTF-8 JSON, or not an array."""
        try:
            text.decode()  # the split below skips over strings without looking into them
            parts = _split.decode(text)
        except (UnicodeDecodeError, msgspec.DecodeError, msgspec.ValidationError) as error:
            raise ValueError(str(error)) from None
        return cls(len(parts), texts=[text], parts=parts)

    def __len__(self) -> int:
        return self._count

    def are_objects(self) -> bool:
        """Whether every item is a JSON object."""
        if self._items is None:
            return all(memoryview(part)[0] == _OPEN_BRACE for part in self._split())
        return all(isinstance(item, dict) for item in self._items)

    def items(self) -> list[Item]:
        """The decoded items."""
        if self._items is None:
            texts = self._texts or []
            if len(texts) == 1:
                self._items = orjson.loads(texts[0])
            else:
                self._items = [item for text in texts for item in orjson.loads(text)]
            self._texts = self._parts = None
        return self._items

    def first(self) -> Item | None:
        """The first item, decoded on its own when the rest is not."""
        if not self._count:
            return None
        if self._items is not None:
            return self._items[0]
        first: Item = orjson.loads(memoryview(self._split()[0]))
        return first

    def keys_at(self, path: Path) -> list[str | None]:
        """Each item's text at ``path`` (``read_path``), decoding no more of an item than
        the property ``path`` starts with. The items must be objects (``are_objects``)."""
        if self._items is not None:
            return [read_path(item, path) for item in self._items]
        name, decode = path[0], _heads_decoder(path[0]).decode
        return [
            read_path({name: head.value}, path)
            for text in self._texts or []
            for head in decode(text)
        ]

    def take(self, indices: Sequence[int]) -> Rows:
        """The items at ``indices``, in that order, as a list of their own (kept as text
        when these are: it no longer holds on to the rest)."""
        if self._items is not None:
            items = self._items
            return Rows.of([items[i] for i in indices])
        parts = self._split()
        return Rows(len(indices), texts=[_array([parts[i] for i in indices])])

    def encoded(self) -> bytes:
        """The list's JSON text."""
        if self._items is not None:
            return orjson.dumps(self._items)
        texts = self._texts or []
        return texts[0] if len(texts) == 1 else _array(self._split())

    @staticmethod
    def concat(lists: Sequence[Rows]) -> Rows:
        """The items of ``lists`` one after the other; still text when every one is."""
        if any(rows._items is not None for rows in lists):
            return Rows.of([item for rows in lists for item in rows.items()])
        return Rows(
            sum(len(rows) for rows in lists),
            texts=[text for rows in lists for text in rows._texts or []],
            parts=[part for rows in lists for part in rows._split()],
        )

    def _split(self) -> list[msgspec.Raw]:
        if self._parts is None:
            self._parts = [part for text in self._texts or [] for part in _split.decode(text)]
        return self._parts


def decoded(value: Rows | list[Item] | None) -> list[Item]:
    """The items of a cached list: ``Rows`` in memory, a decoded list from Redis."""
    if value is None:
        return []
    return value.items() if isinstance(value, Rows) else value


def to_json(value: Any) -> Any:
    """orjson's ``default`` for values that may hold ``Rows``: their text, as it is."""
    if isinstance(value, Rows):
        return orjson.Fragment(value.encoded())
    raise TypeError(f"{type(value).__name__} is not JSON")


def _array(parts: Sequence[msgspec.Raw | bytes]) -> bytes:
    return b"[" + b",".join(parts) + b"]"


@functools.cache
def _heads_decoder(name: str) -> msgspec.json.Decoder[Any]:
    """Decodes a JSON array of objects into their property ``name`` (as ``value``), skipping
    the others."""
    head = msgspec.defstruct("Head", [("value", Any, None)], rename={"value": name})
    return msgspec.json.Decoder(list[head])  # type: ignore[valid-type]
