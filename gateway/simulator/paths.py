"""Request paths as the Visma.net API reads them.

Segments are split on the raw path before percent-decoding, so an encoded ``%2F`` stays
inside its segment. Fixed segments match case-insensitively; parameter segments keep their
case, and one written ``b64(<base64url>)`` stands for its decoded value.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from gateway.simulator.errors import bad_request

_B64_SEGMENT = re.compile(r"b64\((?P<body>.*)\)", re.IGNORECASE | re.DOTALL)


def raw_path(scope: Mapping[str, Any]) -> str:
    """The path exactly as sent (no query string); falls back to the decoded path."""
    raw = scope.get("raw_path")
    if isinstance(raw, bytes):
        # Some servers pass the query along in raw_path.
        return raw.split(b"?", 1)[0].decode("latin-1")
    return str(scope["path"])


def split_segments(scope: Mapping[str, Any]) -> list[str]:
    """Percent-decoded path segments, split before decoding; a trailing slash is ignored."""
    raw = scope.get("raw_path")
    if isinstance(raw, bytes):
        parts = [unquote(part) for part in raw_path(scope).split("/")[1:]]
    else:
        parts = str(scope["path"]).split("/")[1:]
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()
    return parts


def decode_parameter(segment: str) -> str:
    """Resolve a ``b64(...)`` parameter segment to its value; other segments pass through."""
    match = _B64_SEGMENT.fullmatch(segment)
    if match is None:
        return segment
    body = match["body"].replace("+", "-").replace("/", "_").rstrip("=")
    try:
        decoded = base64.b64decode(body + "=" * (-len(body) % 4), altchars=b"-_", validate=True)
        return decoded.decode("utf-8")
    except (binascii.Error, ValueError):
        raise bad_request(f"The path value '{segment}' is not valid base64url.") from None


@dataclass(frozen=True)
class PathPattern:
    """A path template such as ``v1/supplier/{supplierCd}/balance``."""

    template: str

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.template.split("/"))

    def match(self, segments: Sequence[str]) -> dict[str, str] | None:
        """Parameter values (decoded) when the segments fit the template, else None."""
        parts = self.parts
        if len(parts) != len(segments):
            return None
        values: dict[str, str] = {}
        for part, segment in zip(parts, segments, strict=True):
            if part.startswith("{"):
                if segment == "":
                    return None
                values[part[1:-1]] = segment
            elif part.lower() != segment.lower():
                return None
        return {name: decode_parameter(value) for name, value in values.items()}
