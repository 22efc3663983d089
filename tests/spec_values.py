"""Random Visma answers drawn from the spec's own JSON schemas, odd values favoured: nulls,
empty and very long text, impossible dates, extreme numbers, enum values Visma may add later."""

from __future__ import annotations

import random
from typing import Any

_DATES = (
    "2024-05-17T08:30:00",
    "2024-05-17T08:30:00.1234567+02:00",
    "2024-05-17T08:30:00Z",
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59.9999999",
    "2024-02-30T00:00:00",
    "2024-05-17",
    "not a date",
    "",
)
_TEXTS = ("", " ", "ÆØÅ ümlaut 名前 🙂", "x" * 5000, "1/2?a=b&c", "\u0000\n\t\"'", "null")
_INTS = (0, -1, 1, 2**31 - 1, -(2**31), 2**53 + 1, 10**30)
_NUMBERS = (0, -0.0, 0.1, 12.5, -99999.999999, 1e300, 1.2345678901234567, 10**25, 3)


class SpecValues:
    """Values of ``components.schemas`` of an OpenAPI document, drawn from ``rng``."""

    def __init__(self, schemas: dict[str, Any], rng: random.Random, max_depth: int = 5) -> None:
        self.schemas = schemas
        self.rng = rng
        self.max_depth = max_depth

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        ref = schema.get("$ref")
        if ref is None and schema.get("allOf"):
            ref = next((p["$ref"] for p in schema["allOf"] if "$ref" in p), None)
        if isinstance(ref, str):
            resolved: dict[str, Any] = self.schemas[ref.rsplit("/", 1)[-1]]
            return resolved
        return schema

    def value(self, schema: dict[str, Any], depth: int = 0) -> Any:
        """One value of ``schema``; null now and then, as Visma sends for most properties."""
        schema = self._resolve(schema)
        rng = self.rng
        if depth > 0 and rng.random() < 0.1:
            return None
        if schema.get("enum"):
            known = [*schema["enum"], "ValueAddedLater", ""]
            return rng.choice(known)
        kind = schema.get("type")
        if kind == "array" or "items" in schema:
            if depth >= self.max_depth:
                return []
            return [
                self.value(schema.get("items") or {}, depth + 1) for _ in range(rng.randint(0, 3))
            ]
        if kind == "object" or "properties" in schema:
            if depth >= self.max_depth:
                return None
            props = schema.get("properties") or {}
            return {
                name: self.value(prop, depth + 1)
                for name, prop in props.items()
                if rng.random() < 0.85
            }
        if kind == "string":
            if schema.get("format") == "date-time":
                return rng.choice(_DATES)
            return rng.choice(_TEXTS) if rng.random() < 0.5 else f"S{rng.randint(0, 10**6)}"
        if kind == "integer":
            return rng.choice(_INTS) if rng.random() < 0.5 else rng.randint(-1000, 1000)
        if kind == "number":
            return rng.choice(_NUMBERS) if rng.random() < 0.5 else round(rng.uniform(-1e6, 1e6), 4)
        if kind == "boolean":
            return rng.random() < 0.5
        return rng.choice((None, 1, "x", {"a": [1, "b"]}))
