"""Persisted queries over HTTP: Apollo's APQ flow on POST and GET, the allow-list mode, and
their refusals, asserted from the simulator's side where calls matter."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from gateway.edge.persisted_queries import load_manifest, query_hash
from gateway.settings import Settings, SettingsError
from gateway.simulator import Simulator
from tests.conftest import TOKEN_A, Gateway, running

QUERY = '{ supplier(number: "10001") { number name } }'
OTHER = '{ supplier(number: "10002") { number name } }'
AUTH = {"Authorization": f"Bearer {TOKEN_A}"}


def persisted(digest: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


async def post(gateway: Gateway, body: dict[str, Any], **headers: str) -> dict[str, Any]:
    response = await gateway.client.post("/graphql", json=body, headers={**AUTH, **headers})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def codes(result: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in result.get("errors", [])]


async def test_apq_hash_only_then_register_then_hash_only_over_post(gateway: Gateway) -> None:
    digest = query_hash(QUERY)

    unknown = await post(gateway, {"extensions": persisted(digest)})
    assert codes(unknown) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert unknown["errors"][0]["message"] == "PersistedQueryNotFound"
    assert gateway.calls() == []

    registered = await post(gateway, {"query": QUERY, "extensions": persisted(digest)})
    assert registered["data"]["supplier"]["name"]

    again = await post(gateway, {"extensions": persisted(digest)})
    assert "errors" not in again
    assert again["data"] == registered["data"]


async def test_apq_over_get_with_extensions_as_a_parameter(gateway: Gateway) -> None:
    digest = query_hash(QUERY)
    params = {"extensions": json.dumps(persisted(digest))}

    unknown = await gateway.client.get("/graphql", params=params, headers=AUTH)
    assert unknown.status_code == 200
    assert codes(unknown.json()) == ["PERSISTED_QUERY_NOT_FOUND"]

    registering = await gateway.client.get(
        "/graphql", params={**params, "query": QUERY}, headers=AUTH
    )
    assert registering.json()["data"]["supplier"]["number"] == "10001"

    hit = await gateway.client.get("/graphql", params=params, headers=AUTH)
    assert hit.json()["data"]["supplier"]["number"] == "10001"


async def test_a_hash_that_does_not_match_the_text_is_refused(gateway: Gateway) -> None:
    result = await post(gateway, {"query": QUERY, "extensions": persisted(query_hash(OTHER))})
    assert codes(result) == ["BAD_USER_INPUT"]
    hit = await post(gateway, {"extensions": persisted(query_hash(OTHER))})
    assert codes(hit) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert gateway.calls() == []


async def test_apq_still_needs_a_token(gateway: Gateway) -> None:
    digest = query_hash(QUERY)
    await post(gateway, {"query": QUERY, "extensions": persisted(digest)})
    response = await gateway.client.post("/graphql", json={"extensions": persisted(digest)})
    assert response.status_code == 401


async def test_apq_off_tells_clients_to_send_plain_queries(sim: Simulator) -> None:
    async with running(sim, Settings(persisted_queries="off")) as gateway:
        result = await post(gateway, {"query": QUERY, "extensions": persisted(query_hash(QUERY))})
        assert codes(result) == ["PERSISTED_QUERY_NOT_SUPPORTED"]
        plain = await post(gateway, {"query": QUERY})
        assert plain["data"]["supplier"]["number"] == "10001"


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    path = tmp_path / "operations.json"
    path.write_text(json.dumps({query_hash(QUERY): QUERY}), encoding="utf-8")
    return path


@pytest.fixture
async def allowlisted(sim: Simulator, manifest: Path) -> AsyncIterator[Gateway]:
    settings = Settings(persisted_queries="allowlist", persisted_queries_file=str(manifest))
    async with running(sim, settings) as gateway:
        yield gateway


async def test_allowlist_runs_registered_operations_by_hash_or_text(allowlisted: Gateway) -> None:
    by_hash = await post(allowlisted, {"extensions": persisted(query_hash(QUERY))})
    assert by_hash["data"]["supplier"]["number"] == "10001"
    by_text = await post(allowlisted, {"query": QUERY})
    assert by_text["data"] == by_hash["data"]


async def test_allowlist_refuses_anything_else_before_it_reaches_visma(
    allowlisted: Gateway,
) -> None:
    for body in (
        {"query": OTHER},
        {"query": OTHER, "extensions": persisted(query_hash(OTHER))},
        {"extensions": persisted(query_hash(OTHER))},
    ):
        result = await post(allowlisted, body)
        assert codes(result) == ["PERSISTED_QUERY_NOT_ALLOWED"], body
        assert result.get("data") is None
    get = await allowlisted.client.get("/graphql", params={"query": OTHER}, headers=AUTH)
    assert codes(get.json()) == ["PERSISTED_QUERY_NOT_ALLOWED"]
    assert allowlisted.calls() == []


async def test_allowlist_does_not_register_new_operations(allowlisted: Gateway) -> None:
    await post(allowlisted, {"query": OTHER, "extensions": persisted(query_hash(OTHER))})
    result = await post(allowlisted, {"extensions": persisted(query_hash(OTHER))})
    assert codes(result) == ["PERSISTED_QUERY_NOT_ALLOWED"]


def test_apollo_manifests_are_read_and_every_hash_is_checked(tmp_path: Path) -> None:
    apollo = tmp_path / "apollo.json"
    apollo.write_text(
        json.dumps(
            {
                "format": "apollo-persisted-query-manifest",
                "version": 1,
                "operations": [{"id": query_hash(QUERY), "body": QUERY, "name": "One"}],
            }
        ),
        encoding="utf-8",
    )
    assert load_manifest(str(apollo)) == {query_hash(QUERY): QUERY}
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({query_hash(OTHER): QUERY}), encoding="utf-8")
    with pytest.raises(SettingsError, match="GATEWAY_PERSISTED_QUERIES_FILE"):
        load_manifest(str(wrong))
    with pytest.raises(SettingsError, match="GATEWAY_PERSISTED_QUERIES_FILE"):
        load_manifest(str(tmp_path / "missing.json"))


async def test_the_explorer_page_is_still_served_on_get(gateway: Gateway) -> None:
    page = await gateway.client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
