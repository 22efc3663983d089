"""A file to send to Visma.net as a ``multipart/form-data`` body (attachments)."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass

# Characters a file name keeps in the part's quoted header; anything else becomes "_".
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._ ()-]+")
_MEDIA_TYPE = re.compile(r"[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+")


@dataclass(frozen=True)
class FileBody:
    """One file, sent as the single part ``file`` of a multipart body."""

    name: str
    content: bytes
    content_type: str | None = None

    def fingerprint(self) -> dict[str, str | None]:
        """What identifies the file among a mutation's arguments (idempotency keys)."""
        digest = hashlib.sha256(self.content).hexdigest()
        return {"name": self.name, "contentType": self.content_type, "sha256": digest}

    def encoded(self) -> tuple[bytes, str]:
        """The body and its ``Content-Type`` header (with the boundary)."""
        boundary = uuid.uuid4().hex
        name = _UNSAFE_NAME.sub("_", self.name).strip(" .") or "file"
        media = self.content_type or ""
        media = media if _MEDIA_TYPE.fullmatch(media) else "application/octet-stream"
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: {media}\r\n\r\n"
        ).encode("ascii")
        body = head + self.content + f"\r\n--{boundary}--\r\n".encode("ascii")
        return body, f"multipart/form-data; boundary={boundary}"
