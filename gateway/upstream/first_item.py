"""The first item of a JSON list, read from the start of an answer while the rest arrives.

Visma puts a list's size in every item's ``metadata``, so the first item of a page tells how
many pages follow as soon as a few kilobytes of it have come, long before a page of a
thousand records is received and parsed. ``FirstItem`` is fed the answer's decoded pieces
(``Sender.get``'s ``watch``) and hands the first item over once it is complete.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from typing import Any

# How much of an answer is looked at, and how many times: an item larger than this, or
# trickling in so finely that it is not whole after that many tries, is not waited for (each
# try parses from the start; the page's own parse is what counts).
LOOK_AHEAD_BYTES = 256 * 1024
MAX_TRIES = 32
_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


class FirstItem:
    """Calls ``found`` once with the first item of a JSON list answer, as soon as it has
    arrived whole; never calls it when the answer is no list of objects, is empty, or its
    first item is not whole within ``LOOK_AHEAD_BYTES`` and ``MAX_TRIES``."""

    def __init__(self, found: Callable[[dict[str, Any]], None]) -> None:
        self._found = found
        self._text = ""
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._seen = 0
        self._tries = 0
        self._done = False

    def __call__(self, piece: bytes) -> None:
        if self._done:
            return
        self._seen += len(piece)
        if self._seen > LOOK_AHEAD_BYTES:
            self._done = True
            return
        try:
            self._text += self._utf8.decode(piece)
        except UnicodeDecodeError:
            self._done = True
            return
        text = self._text.lstrip(_WHITESPACE)
        if not text:
            return
        if not text.startswith("["):
            self._done = True  # not a bare list (a wrapped page, an object)
            return
        start = len(text) - len(text[1:].lstrip(_WHITESPACE))
        if start == len(text):
            return
        if text[start] != "{":
            self._done = True  # empty, or a list of something else
            return
        if b"}" not in piece:
            return  # an object ends only with a brace
        self._tries += 1
        try:
            item, _ = _DECODER.raw_decode(text, start)
        except (ValueError, RecursionError):
            # Not complete yet (or not JSON at all, which parsing the whole answer reports).
            self._done = self._tries >= MAX_TRIES
            return
        self._done = True
        self._text = ""
        self._found(item)
