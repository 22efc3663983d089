"""A file to send to Visma.net as a ``multipart/form-data`` body (attachments), streamed.

The file stays where the request parser put it (Starlette spools an upload to disk past a
megabyte); the body is read from it in pieces as Visma takes it, with its length known
ahead, so an upload costs the gateway one piece of memory whatever its size.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import BinaryIO

# Characters a file name keeps in the part's quoted header; anything else becomes "_".
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._ ()-]+")
_MEDIA_TYPE = re.compile(r"[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+")
# Largest piece of the file read at once.
PIECE = 64 * 1024


@dataclass(frozen=True)
class Multipart:
    """A multipart body as it is sent: its pieces, their total length and its media type."""

    pieces: AsyncIterator[bytes]
    length: int
    content_type: str


@dataclass(frozen=True)
class FileBody:
    """One file, sent as the single part ``file`` of a multipart body."""

    name: str
    file: BinaryIO
    content_type: str | None = None

    @property
    def size(self) -> int:
        self.file.seek(0, os.SEEK_END)
        return self.file.tell()

    def fingerprint(self) -> dict[str, str | None]:
        """What identifies the file among a mutation's arguments (idempotency keys)."""
        digest = hashlib.sha256()
        for piece in self._read():
            digest.update(piece)
        return {"name": self.name, "contentType": self.content_type, "sha256": digest.hexdigest()}

    def multipart(self) -> Multipart:
        """The body, read from the file as it is sent."""
        boundary = uuid.uuid4().hex
        name = _UNSAFE_NAME.sub("_", self.name).strip(" .") or "file"
        media = self.content_type or ""
        media = media if _MEDIA_TYPE.fullmatch(media) else "application/octet-stream"
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: {media}\r\n\r\n"
        ).encode("ascii")
        tail = f"\r\n--{boundary}--\r\n".encode("ascii")

        async def pieces() -> AsyncIterator[bytes]:
            yield head
            for piece in self._read():
                yield piece
            yield tail

        length = len(head) + self.size + len(tail)
        return Multipart(pieces(), length, f"multipart/form-data; boundary={boundary}")

    def _read(self) -> Iterator[bytes]:
        self.file.seek(0)
        while piece := self.file.read(PIECE):
            yield piece
