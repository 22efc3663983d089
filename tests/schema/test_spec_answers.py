"""Spec-driven answers: every declared resource's list and record read, answered with JSON
drawn at random from the spec's own response schemas, and queried for every field of its
type. Whatever Visma's schema allows must come back as data or coded errors, never a 5xx or
an INTERNAL_SERVER_ERROR."""

from __future__ import annotations

import random
import re
from typing import Any, NamedTuple

import httpx
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLType,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from gateway.resources.coverage import graphql_schema, normalise
from gateway.resources.registry import RESOURCES
from gateway.resources.spec import load_spec
from gateway.settings import Settings
from gateway.simulator import Simulator
from tests.conftest import running
from tests.spec_values import SpecValues

EXAMPLES = 15
SPEC = load_spec()
SCHEMA = graphql_schema()
# Settings roomy enough for a selection of every field four levels down (nested lists
# included: more than the default cost bound), which is what this test sends.
SETTINGS = Settings(max_depth=20, max_tokens=200_000, max_operation_calls=2_000, upstream_retries=0)


class Answer(NamedTuple):
    """How the fake Visma answers one declared GET: ``keys`` are the key properties a record
    path was read by (its answer carries them), ``item_keys`` those every item of a list
    carries (Visma always sends a record's key)."""

    pattern: re.Pattern[str]
    schema: dict[str, Any]
    keys: tuple[str, ...]
    item_keys: tuple[str, ...]


def _answers() -> list[Answer]:
    """Every GET of a declared resource's list or record path."""
    keys = {
        normalise(r.record_path): () if r.key_path else r.key
        for r in RESOURCES
        if r.record_path is not None
    }
    item_keys = {normalise(r.path): () if r.key_path else r.key for r in RESOURCES}
    declared = {normalise(p) for r in RESOURCES for p in (r.path, r.record_path) if p is not None}
    found = []
    for path, item in SPEC["paths"].items():
        op = item.get("get")
        if op is None or normalise(path) not in declared:
            continue
        schema = op["responses"]["200"]["content"]["application/json"]["schema"]
        pattern = re.escape(normalise(path)).replace(r"\{\}", "[^/]+")
        found.append(
            Answer(
                re.compile(pattern + "$", re.IGNORECASE),
                schema,
                keys.get(normalise(path), ()),
                item_keys.get(normalise(path), ()),
            )
        )
    return found


ANSWERS = _answers()


def _properties(schema: dict[str, Any]) -> dict[str, Any]:
    """The properties of the DTO ``schema`` names, or of its items' DTO for a list."""
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref", "")
    found: dict[str, Any] = SPEC["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
    if "records" in found.get("properties", {}):  # a paging wrapper: its records' DTO
        return _properties(found["properties"]["records"])
    properties: dict[str, Any] = found.get("properties", {})
    return properties


def _typed(properties: dict[str, Any], key: str, text: str) -> Any:
    """A key part typed as the DTO types it (an integer ``internalId`` as a number)."""
    return int(text) if properties.get(key, {}).get("type") == "integer" else text


def _with_keys(answer: Answer, value: Any, path: str) -> Any:
    """``value`` with the keys Visma always sends: the record path's key parts on a record,
    a distinct key on every item of a list (bare or in a paging wrapper)."""
    properties = _properties(answer.schema)
    if answer.keys and isinstance(value, dict):
        parts = path.rstrip("/").split("/")[-len(answer.keys) :]
        value.update({k: _typed(properties, k, p) for k, p in zip(answer.keys, parts, strict=True)})
        return value
    items = value.get("records") if isinstance(value, dict) else value
    if isinstance(items, list):
        for number, item in enumerate(items, start=1):
            if isinstance(item, dict):
                item.update({k: _typed(properties, k, str(number)) for k in answer.item_keys})
    return value


class RandomVisma:
    """An upstream that answers each declared GET with a value drawn from its schema."""

    def __init__(self, seed: int) -> None:
        self.values = SpecValues(SPEC["components"]["schemas"], random.Random(seed))  # noqa: S311 - reproducible, not secret
        self.answered = 0
        self.app = Starlette(routes=[Route("/{path:path}", self.answer, methods=["GET"])])

    async def answer(self, request: Request) -> Response:
        for answer in ANSWERS:
            if answer.pattern.match(request.url.path):
                self.answered += 1
                value = self.values.value(answer.schema)
                return JSONResponse(_with_keys(answer, value, request.url.path))
        return JSONResponse({"message": "not found"}, status_code=404)


def _unwrap(kind: GraphQLType) -> GraphQLType:
    while isinstance(kind, GraphQLNonNull | GraphQLList):
        kind = kind.of_type
    return kind


def _argument(kind: GraphQLType) -> str:
    named = _unwrap(kind)
    if isinstance(named, GraphQLEnumType):
        return str(next(iter(named.values)))
    if isinstance(named, GraphQLInputObjectType):
        return "{}"
    return '"K1"' if getattr(named, "name", "") in ("String", "ID") else "1"


def _arguments(field: GraphQLField) -> str:
    required = [
        f"{name}: {_argument(arg.type)}"
        for name, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull)
    ]
    # Two items per list keep the cost estimate of a selection of everything within bounds.
    bounded = ["first: 2"] if "first" in field.args else []
    given = required + bounded
    return f"({', '.join(given)})" if given else ""


def selection(kind: GraphQLType, depth: int, in_record: bool = False) -> str:
    """Every field of ``kind``, objects ``depth`` levels down; ``__typename`` below that. A
    record reached from within another (an edge, a nested list's node) is selected by its id
    only: its own root field covers its fields, and following every edge of every record
    four levels down would select millions of fields."""
    named = _unwrap(kind)
    if not isinstance(named, GraphQLObjectType):
        return ""
    is_record = any(i.name == "Node" for i in named.interfaces)
    if is_record and in_record:
        return "{ __typename id }"
    if depth == 0:
        return "{ __typename }"
    parts = []
    for name, field in named.fields.items():
        inner = _unwrap(field.type)
        below = (
            selection(inner, depth - 1, in_record or is_record)
            if isinstance(inner, GraphQLObjectType)
            else ""
        )
        if not isinstance(inner, GraphQLObjectType) and not hasattr(inner, "fields"):
            parts.append(f"{name}{_arguments(field)}")
        elif below:
            parts.append(f"{name}{_arguments(field)} {below}")
        else:
            parts.append(f"{name}{_arguments(field)} {{ __typename }}")
    return "{ " + " ".join(parts) + " }"


def _root_fields(schema: GraphQLSchema) -> list[str]:
    query = schema.query_type
    assert query is not None
    names = [n for r in RESOURCES for n in (r.plural, r.singular) if n in query.fields]
    return [f"{n}{_arguments(query.fields[n])} {selection(query.fields[n].type, 4)}" for n in names]


def _errors_without_code(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e
        for e in body.get("errors") or []
        if (e.get("extensions") or {}).get("code") in (None, "INTERNAL_SERVER_ERROR")
    ]


@pytest.mark.parametrize("root", _root_fields(SCHEMA), ids=lambda q: q.split("(")[0].split()[0])
async def test_spec_answers_come_back_as_data_or_coded_errors(root: str) -> None:
    query = "{ " + root + " }"
    answered_with_data = 0
    for seed in range(EXAMPLES):
        upstream = RandomVisma(seed)
        transport = httpx.ASGITransport(app=upstream.app)
        async with running(Simulator(), SETTINGS, upstream_transport=transport) as gateway:
            response = await gateway.post(query, token=f"example-token-{seed}")
        assert response.status_code < 500, (seed, response.text[:2000])
        body = response.json()
        assert not _errors_without_code(body), (seed, _errors_without_code(body)[:3])
        assert upstream.answered > 0, seed
        answered_with_data += any((body.get("data") or {}).values())
    # The random answers are read, not refused wholesale: most examples come back as data.
    assert answered_with_data > EXAMPLES // 2
