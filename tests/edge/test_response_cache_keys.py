"""Response cache keys, ETag matching and who may be served, without HTTP."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pytest

from gateway.credentials import Credentials, credentials_from_header
from gateway.edge.persisted_queries import query_hash
from gateway.edge.response_cache import (
    ResponseCache,
    answer_of,
    matches,
    operation_key,
    runs_a_query,
)
from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, demo_token
from gateway.upstream.cache import MemoryCache

QUERY = "query Q($n: String!) { supplier(number: $n) { name } }"
TOKEN_A = demo_token(COMPANY_A_TENANT)


def proven(token: str) -> Credentials:
    return credentials_from_header(f"Bearer {token}").with_claims()


def key(payload: Mapping[str, object], token: str = TOKEN_A, hashes: bool = True) -> str | None:
    return operation_key(proven(token), payload, hashes_accepted=hashes)


def test_a_persisted_hash_and_its_text_share_a_key_and_variables_order_does_not_matter() -> None:
    by_text = key({"query": QUERY, "variables": {"n": "1", "m": 2}})
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": query_hash(QUERY)}}

    assert by_text is not None
    assert key({"extensions": persisted, "variables": {"m": 2, "n": "1"}}) == by_text
    assert key({"query": QUERY, "extensions": persisted, "variables": {"n": "1", "m": 2}}) == (
        by_text
    )


@pytest.mark.parametrize(
    "payload",
    [
        {"query": QUERY, "variables": {"n": "2"}},
        {"query": QUERY, "variables": {"n": "1"}, "operationName": "Q"},
        {"query": QUERY + " ", "variables": {"n": "1"}},
    ],
)
def test_another_variable_operation_name_or_document_is_another_key(
    payload: dict[str, object],
) -> None:
    assert key(payload) != key({"query": QUERY, "variables": {"n": "1"}})


def test_another_token_or_company_is_another_key_and_no_token_is_in_it() -> None:
    payload = {"query": QUERY}
    other_user = demo_token(COMPANY_A_TENANT, subject="other-user")

    keys = {key(payload), key(payload, other_user), key(payload, demo_token(COMPANY_B_TENANT))}

    assert len(keys) == 3
    assert all(k is not None and TOKEN_A not in k for k in keys)


@pytest.mark.parametrize(
    ("payload", "hashes"),
    [
        ({}, True),
        ({"query": 5}, True),
        ({"query": QUERY, "variables": [1]}, True),
        ({"query": QUERY, "extensions": {"persistedQuery": {"sha256Hash": "0" * 64}}}, True),
        (
            {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": query_hash(QUERY)}}},
            False,
        ),
        ({"query": "{ a }", "variables": {"n": 2**70}}, True),
    ],
)
def test_requests_that_would_be_refused_have_no_key(
    payload: dict[str, object], hashes: bool
) -> None:
    assert key(payload, hashes=hashes) is None


def test_if_none_match_names_the_etag_weakly_in_a_list_or_as_a_star() -> None:
    etag = answer_of({"a": 1}, [], "t", {"supplier": 1}).etag

    assert matches(etag, etag)
    assert matches(etag, f'"x", W/{etag}')
    assert matches(etag, "*")
    assert not matches(etag, '"x"')
    assert not matches(etag, None)


def test_the_etag_is_that_of_the_data_and_warnings() -> None:
    one = answer_of({"a": 1}, [], "t", {"supplier": 1})

    assert answer_of({"a": 1}, [], "u", {"supplier": 2}).etag == one.etag
    assert answer_of({"a": 2}, [], "t", {"supplier": 1}).etag != one.etag
    assert answer_of({"a": 1}, [{"path": "x"}], "t", {"supplier": 1}).etag != one.etag


def test_only_proven_unexpired_tokens_are_served() -> None:
    cache = ResponseCache(MemoryCache(1024), 1024, lambda kind: 60, clock=lambda: 1000.0)
    credentials = proven(TOKEN_A)

    assert cache.usable_by(credentials)
    assert not cache.usable_by(credentials_from_header(f"Bearer {TOKEN_A}"))
    assert not cache.usable_by(dataclasses.replace(credentials, expires_at=999.0))


def test_only_query_operations_are_kept() -> None:
    assert runs_a_query("{ a }", None)
    assert runs_a_query("query A { a } mutation B { b }", "A")
    assert not runs_a_query("query A { a } mutation B { b }", "B")
    assert not runs_a_query("subscription { a }", None)
    assert not runs_a_query("{", None)
