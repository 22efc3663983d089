"""Structured logs carry the operation id and never a token."""

from __future__ import annotations

import io
import json
import logging

from gateway.logs import json_handler
from tests.conftest import TOKEN_A, Gateway


async def test_log_lines_are_json_with_the_operation_id(gateway: Gateway) -> None:
    stream = io.StringIO()
    handler = json_handler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    try:
        result = await gateway.query("{ suppliers(first: 2) { nodes { number } } }")
    finally:
        root.removeHandler(handler)
        root.setLevel(level)

    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    ours = [line for line in lines if line["logger"].startswith(("gateway", "schema"))]
    assert ours
    assert {line["operation"] for line in ours} == {result["extensions"]["operationId"]}
    done = next(line for line in ours if line["message"].startswith("operation"))
    assert done["upstream_calls"] == 1
    assert TOKEN_A not in stream.getvalue()
