"""The committed SDL: every schema change shows up in review as a diff of schema.graphql."""

from __future__ import annotations

from pathlib import Path

from gateway.settings import Settings
from schema import build_schema

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def test_schema_graphql_matches_the_code() -> None:
    expected = build_schema(Settings()).as_str() + "\n"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == expected, (
        "schema.graphql is out of date: run `make schema` and commit the result"
    )
