"""Requests on /graphql that carry no runnable operation get a GraphQL JSON error body with
``extensions.code`` BAD_REQUEST (status 400, or 415 for a body that is not JSON), never plain
text and never the explorer page unless the client asks for HTML."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.conftest import TOKEN_A, Gateway

AUTH = {"Authorization": f"Bearer {TOKEN_A}"}


def assert_request_error(response: httpx.Response, status_code: int, words: str) -> None:
    assert response.status_code == status_code, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_REQUEST"}
    assert words in error["message"]


@pytest.mark.parametrize(
    "accept", ["application/json", "application/graphql-response+json, application/json;q=0.9"]
)
async def test_a_get_without_a_query_from_a_json_client_is_a_bad_request(
    gateway: Gateway, accept: str
) -> None:
    response = await gateway.client.get("/graphql", headers={"Accept": accept})
    assert_request_error(response, 400, "No GraphQL query")
    assert gateway.calls() == []


@pytest.mark.parametrize(
    "accept", ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "*/*"]
)
async def test_a_get_without_a_query_from_a_browser_gets_the_explorer(
    gateway: Gateway, accept: str
) -> None:
    response = await gateway.client.get("/graphql", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b'{"query": "{ __typename }"', "JSON"),
        (b'[{"query": "{ __typename }"}, {"query": "{ __typename }"}]', "Batching"),
        (b'{"variables": {}}', "No GraphQL query"),
        (b'{"query": 5}', "`query` must be a string"),
        (b'{"query": "{ __typename }", "variables": [1]}', "`variables` must be an object"),
    ],
    ids=["bad-json", "batch", "no-query", "query-not-a-string", "variables-not-an-object"],
)
async def test_malformed_post_bodies_are_bad_requests(
    gateway: Gateway, body: bytes, words: str
) -> None:
    response = await gateway.client.post(
        "/graphql", content=body, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert_request_error(response, 400, words)
    assert gateway.calls() == []


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
async def test_a_post_body_that_is_not_json_is_refused_with_415(
    gateway: Gateway, content_type: str
) -> None:
    response = await gateway.client.post(
        "/graphql",
        content=b'{"query": "{ __typename }"}',
        headers={**AUTH, "Content-Type": content_type},
    )
    assert_request_error(response, 415, "must be JSON")


async def test_a_mutation_over_get_is_a_bad_request(gateway: Gateway) -> None:
    response = await gateway.client.get(
        "/graphql",
        params={"query": 'mutation { releaseSupplierPayment(refNbr: "300001") { __typename } }'},
        headers=AUTH,
    )
    assert_request_error(response, 400, "mutations are not allowed")
    assert gateway.calls() == []


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ suppliers(first: 5) {", "GRAPHQL_PARSE_FAILED"),
        ("{ nope }", "GRAPHQL_VALIDATION_FAILED"),
        ("{ suppliers(first: 5) { nodes { number } } } extra", "GRAPHQL_PARSE_FAILED"),
        ("query Q($n: Int!) { suppliers(first: $n) { totalCount } }", "BAD_USER_INPUT"),
        (
            "{ " + " ".join(f"a{i}: __typename" for i in range(40)) + " }",
            "GRAPHQL_VALIDATION_FAILED",
        ),
    ],
    ids=["syntax", "unknown-field", "trailing-text", "missing-variable", "too-many-aliases"],
)
async def test_documents_graphql_refuses_get_a_code(
    gateway: Gateway, query: str, code: str
) -> None:
    response = await gateway.post(query)
    assert response.status_code == 200
    errors = response.json()["errors"]
    assert errors and all(error["extensions"]["code"] == code for error in errors)
    assert gateway.calls() == []
