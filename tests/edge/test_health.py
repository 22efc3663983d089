"""/healthz, /readyz and /metrics."""

from __future__ import annotations

from tests.conftest import TOKEN_A, Gateway


async def test_healthz_and_readyz_answer(gateway: Gateway) -> None:
    assert (await gateway.client.get("/healthz")).json() == {"status": "ok"}
    ready = await gateway.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"]["upstream"] == "ok"


async def test_metrics_count_calls_hits_and_operations_without_secrets(gateway: Gateway) -> None:
    query = "{ suppliers(first: 3) { nodes { number } } }"
    await gateway.query(query)
    await gateway.query(f"query Again {query}")
    await gateway.query(query)

    text = (await gateway.client.get("/metrics")).text

    assert 'gateway_upstream_calls_total{endpoint="supplier",status="200"} 1.0' in text
    assert 'gateway_cache_lookups_total{result="hit"} 1.0' in text
    assert 'gateway_response_cache_lookups_total{result="hit"} 1.0' in text
    assert 'gateway_response_cache_lookups_total{result="miss"} 1.0' in text
    assert "gateway_operation_seconds_count 2.0" in text
    assert TOKEN_A not in text and TOKEN_A[:20] not in text
