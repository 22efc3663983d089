"""The shapes of ``Location`` a created record is answered with.

Visma documents only that the new id is the last path segment; clients meet absolute URLs
and paths, trailing slashes, the collection in other casing, query strings, and answers
without a Location at all. ``SimulatorConfig.location_shapes`` picks them, in turn.
"""

from __future__ import annotations

from urllib.parse import urlsplit

SHAPES = ("absolute", "relative", "trailing-slash", "casing", "query", "omit")


def shaped(location: str, shape: str) -> str | None:
    """``location`` (``<origin>/v1/<collection>/<id>``) in ``shape``; None for ``omit``."""
    parts = urlsplit(location)
    origin = f"{parts.scheme}://{parts.netloc}"
    if shape == "absolute":
        return location
    if shape == "relative":
        return parts.path
    if shape == "trailing-slash":
        return location + "/"
    if shape == "casing":
        version, collection, ident = parts.path.lstrip("/").split("/", 2)
        return f"{origin}/{version}/{collection.upper()}/{ident}"
    if shape == "query":
        return location + "?expand=true"
    if shape == "omit":
        return None
    raise ValueError(f"unknown Location shape {shape!r}; known: {', '.join(SHAPES)}")
