"""Upstream paths built from fixed templates, with user input confined to single segments."""

from __future__ import annotations

import base64
import re

from gateway.errors import BadUserInput

# A segment that needs no encoding: unreserved characters, and not made of dots only.
_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_\-~]+(?:\.[A-Za-z0-9_\-~]+)*")
# What a finished path may contain: fixed segments, plain values and b64(...) values.
_SAFE_PATH = re.compile(r"(?:/[A-Za-z0-9_\-~.()=]+)+")


def segment(value: str) -> str:
    """Encode one path parameter so it can never change the path around it.

    Values with reserved characters (``/``, ``?``, ``%``, ``..`` …) use Visma's
    ``b64(<base64url>)`` form, which the API decodes back to the original value.
    """
    if not value:
        raise BadUserInput("An identifier must not be empty")
    if _PLAIN_SEGMENT.fullmatch(value):
        return value
    encoded = base64.urlsafe_b64encode(value.encode("utf-8")).decode("ascii")
    return f"b64({encoded})"


def build(template: str, *values: str) -> str:
    """Fill ``{}`` placeholders of a fixed ``/v1/...`` template with encoded values."""
    path = template.format(*(segment(value) for value in values))
    dot_segment = any(part in (".", "..") for part in path.split("/"))
    if not path.startswith("/v1/") or not _SAFE_PATH.fullmatch(path) or dot_segment:
        raise BadUserInput("The identifier cannot be used in a Visma.net path")
    return path


# Visma's attachment ids are GUIDs; anything else (a path, a dot segment) is not one.
_ATTACHMENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")


def attachment(ident: str) -> str | None:
    """The upstream path of the file of attachment ``ident``; None when ``ident`` is not
    shaped like an attachment id, so nothing is sent for it."""
    if not _ATTACHMENT_ID.fullmatch(ident):
        return None
    return f"/v1/attachment/{ident}"
