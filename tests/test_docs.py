"""The GraphQL examples of the README and docs/, run against the simulator's demo data, so the
pages cannot drift from the code.

The mutations of docs/writing.md run in the page's order: every document answers without
errors, and the DTO shown after it is the body Visma received. A variable the page leaves as
``<…>`` is filled from the answer before it, as the page tells readers to do
(``expectedVersion`` from the ``timeStamp`` just read)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import Gateway

ROOT = Path(__file__).resolve().parent.parent
WRITING = ROOT / "docs" / "writing.md"
QUERY_PAGES = (ROOT / "README.md", ROOT / "docs" / "queries.md")
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


@dataclass
class Example:
    document: str
    variables: dict[str, Any] | None = None
    sent: Any = None


def examples(page: Path = WRITING) -> list[Example]:
    """The page's GraphQL blocks, each with the JSON blocks that follow it."""
    found: list[Example] = []
    for language, info, body in FENCE.findall(page.read_text()):
        if language == "graphql":
            found.append(Example(body))
        elif language == "json" and info.strip() == "variables":
            found[-1].variables = json.loads(body)
        elif language == "json":
            found[-1].sent = json.loads(body)
    return found


def values_named(data: Any, name: str) -> list[Any]:
    if isinstance(data, dict):
        return [v for k, v in data.items() if k == name] + [
            found for v in data.values() for found in values_named(v, name)
        ]
    if isinstance(data, list):
        return [found for item in data for found in values_named(item, name)]
    return []


def test_the_page_has_its_examples() -> None:
    found = examples()
    assert len(found) == 14
    assert sum(example.sent is not None for example in found) == 11
    assert any(example.variables for example in found)


async def test_every_example_runs_and_sends_the_dto_shown(gateway: Gateway) -> None:
    previous: dict[str, Any] = {}
    for example in examples():
        variables = dict(example.variables or {})
        for name, value in variables.items():
            if isinstance(value, str) and value.startswith("<"):
                # The page's placeholder: the timeStamp the query before it returned.
                [variables[name]] = values_named(previous, "timeStamp")
        gateway.sim.reset_calls()
        result = await gateway.query(example.document, variables=variables or None)
        assert "errors" not in result, (example.document, result["errors"])
        for payload in result["data"].values() if result["data"] else ():
            assert not (payload or {}).get("userErrors"), (example.document, payload)
        writes = [call for call in gateway.calls() if call.method in ("POST", "PUT")]
        if example.document.lstrip().startswith("mutation"):
            assert len(writes) == 1, example.document
        if example.sent is not None:
            assert writes[0].body == example.sent, example.document
        previous = result["data"]


async def test_the_query_examples_run(gateway: Gateway) -> None:
    documents = [example.document for page in QUERY_PAGES for example in examples(page)]
    assert len(documents) == 9
    for document in documents:
        result = await gateway.query(document)
        assert "errors" not in result, (document, result["errors"])
        assert any(value is not None for value in result["data"].values())
