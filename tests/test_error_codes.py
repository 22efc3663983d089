"""Every error a client sees carries an ``extensions.code``, and repeated errors fold."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gateway.settings import Settings
from gateway.simulator import FaultRule
from tests.conftest import TOKEN_A, Gateway

SUPPLIER_BY_VARIABLE = "query($n: String!) { supplier(number: $n) { name } }"
DEEP = "{ suppliers { nodes { invoices { nodes { supplier { invoices { nodes { supplier { " + (
    "invoices { nodes { supplier { name } } } } } } } } } } } }"
)

# (what is wrong, the request body, the code its first error must carry)
BAD_REQUESTS: list[tuple[str, dict[str, Any], str]] = [
    ("syntax", {"query": "{ supplier(number: "}, "GRAPHQL_PARSE_FAILED"),
    ("unknown field", {"query": '{ supplier(number: "1") { nam } }'}, "GRAPHQL_VALIDATION_FAILED"),
    ("depth", {"query": DEEP}, "GRAPHQL_VALIDATION_FAILED"),
    (
        "aliases",
        {"query": "{ " + " ".join(f"a{i}: __typename" for i in range(31)) + " }"},
        "GRAPHQL_VALIDATION_FAILED",
    ),
    ("tokens", {"query": "{ " + "__typename " * 5001 + "}"}, "GRAPHQL_PARSE_FAILED"),
    ("missing variable", {"query": SUPPLIER_BY_VARIABLE}, "BAD_USER_INPUT"),
    (
        "variable of wrong type",
        {"query": SUPPLIER_BY_VARIABLE, "variables": {"n": 5}},
        "BAD_USER_INPUT",
    ),
    (
        "lone surrogate in a variable",
        {"query": SUPPLIER_BY_VARIABLE, "variables": {"n": "\ud800"}},
        "BAD_USER_INPUT",
    ),
    (
        "lone surrogate in a literal",
        {"query": '{ supplier(number: "\\ud800") { name } }'},
        "GRAPHQL_PARSE_FAILED",
    ),
    ("first too large", {"query": "{ suppliers(first: 100000) { totalCount } }"}, "BAD_USER_INPUT"),
    ("bad cursor", {"query": '{ suppliers(after: "x") { totalCount } }'}, "BAD_USER_INPUT"),
]


async def post_raw(gateway: Gateway, body: dict[str, Any]) -> dict[str, Any]:
    """POST ``body`` as written (lone surrogates pass as JSON escapes)."""
    response = await gateway.client.post(
        "/graphql",
        content=json.dumps(body),
        headers={"Authorization": f"Bearer {TOKEN_A}", "Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


@pytest.mark.parametrize(("kind", "body", "code"), BAD_REQUESTS, ids=[r[0] for r in BAD_REQUESTS])
async def test_each_kind_of_bad_request_has_its_code(
    gateway: Gateway, kind: str, body: dict[str, Any], code: str
) -> None:
    result = await post_raw(gateway, body)

    assert result["errors"], kind
    assert result["errors"][0]["extensions"]["code"] == code
    assert result["errors"][0]["message"] != "Unexpected error."


async def test_every_error_of_every_bad_request_has_a_code(gateway: Gateway) -> None:
    errors = [
        error for _, body, _ in BAD_REQUESTS for error in (await post_raw(gateway, body))["errors"]
    ]

    assert len(errors) >= len(BAD_REQUESTS)
    assert [e for e in errors if not e.get("extensions", {}).get("code")] == []


async def test_a_missing_variable_is_logged_with_the_operation_id(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")

    result = await post_raw(gateway, {"query": SUPPLIER_BY_VARIABLE})

    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.fixture
def settings() -> Settings:
    return Settings(upstream_retries=0)


async def test_errors_of_one_cause_are_reported_once_with_their_paths(gateway: Gateway) -> None:
    gateway.sim.add_fault(FaultRule(path_pattern=r"/balance", status=429, retry_after=60))

    result = await gateway.query("{ suppliers(first: 30) { nodes { number balance } } }")

    suppliers = result["data"]["suppliers"]["nodes"]
    assert len(suppliers) > 2
    assert all(s["balance"] is None for s in suppliers)
    limited = [e for e in result["errors"] if e["extensions"]["code"] == "RATE_LIMITED"]
    assert len(limited) == 1
    paths = limited[0]["extensions"]["paths"]
    assert limited[0]["extensions"]["count"] == len(suppliers)
    assert paths == [["suppliers", "nodes", i, "balance"] for i in range(min(20, len(suppliers)))]
