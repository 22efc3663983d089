"""The record of received calls, in-process and over HTTP."""

from __future__ import annotations

import hashlib

import httpx

from gateway.simulator import COMPANY_A_TENANT, RecordedCall, Simulator
from gateway.simulator.recording import round_trips


async def test_calls_are_recorded_as_received(
    sim: Simulator, client_a: httpx.AsyncClient, token_a: str
) -> None:
    response = await client_a.get(
        "/v1/supplier/IMP%2F2024/invoice",
        params=[("pageSize", "5"), ("status", "Open"), ("status", "Closed")],
        headers={"User-Agent": "recording-test", "X-Trace": "abc"},
    )

    [call] = sim.calls
    assert call == RecordedCall(
        method="GET",
        path="/v1/supplier/IMP/2024/invoice",
        raw_path="/v1/supplier/IMP%2F2024/invoice",
        params={"pageSize": "5", "status": "Closed"},
        authorization=f"Bearer {token_a}",
        tenant_id=COMPANY_A_TENANT,
        status=200,
        headers=call.headers,
        response_bytes=len(response.content),
        received_at=call.received_at,
        answered_at=call.answered_at,
    )
    assert 0 < call.received_at <= call.answered_at
    assert call.headers["user-agent"] == "recording-test"
    assert call.headers["x-trace"] == "abc"
    assert call.headers["authorization"] == f"Bearer {token_a}"


async def test_every_v1_request_is_recorded_whatever_its_status(
    sim: Simulator, anon: httpx.AsyncClient, client_a: httpx.AsyncClient
) -> None:
    await anon.get("/v1/supplier")
    await client_a.get("/v1/nothing-here")
    await client_a.delete("/v1/supplier")
    await client_a.get("/v1/supplier/10001")

    assert [(c.method, c.status, c.tenant_id) for c in sim.calls] == [
        ("GET", 401, None),
        ("GET", 404, COMPANY_A_TENANT),
        ("DELETE", 405, COMPANY_A_TENANT),
        ("GET", 200, COMPANY_A_TENANT),
    ]
    assert sim.calls[0].authorization is None


async def test_calls_is_a_copy_and_can_be_reset(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    await client_a.get("/v1/supplier/10001")
    snapshot = sim.calls
    snapshot.clear()

    assert len(sim.calls) == 1
    sim.reset_calls()
    assert sim.calls == []


async def test_paths_outside_v1_are_not_recorded(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    health = await client_a.get("/_simulator/health")
    elsewhere = await client_a.get("/api/v1/supplier")

    assert health.json() == {"status": "ok"}
    assert elsewhere.status_code == 404
    assert sim.calls == []


async def test_record_over_http_hides_the_token(
    sim: Simulator, client_a: httpx.AsyncClient, token_a: str
) -> None:
    response = await client_a.get("/v1/supplier", params={"pageSize": "1"})
    fingerprint = hashlib.sha256(f"Bearer {token_a}".encode()).hexdigest()[:16]

    listed = (await client_a.get("/_simulator/calls")).json()
    cleared = await client_a.delete("/_simulator/calls")

    assert listed == [
        {
            "method": "GET",
            "path": "/v1/supplier",
            "raw_path": "/v1/supplier",
            "params": {"pageSize": "1"},
            "authorization": fingerprint,
            "tenant_id": COMPANY_A_TENANT,
            "status": 200,
            "headers": listed[0]["headers"],
            "body": None,
            "response_bytes": len(response.content),
            "received_at": listed[0]["received_at"],
            "answered_at": listed[0]["answered_at"],
        }
    ]
    assert listed[0]["headers"]["authorization"] == fingerprint
    assert token_a not in str(listed)
    assert cleared.status_code == 204
    assert sim.calls == []


def test_round_trips_count_the_calls_that_waited_for_others() -> None:
    def call(received: float, answered: float) -> RecordedCall:
        return RecordedCall(
            "GET", "/v1/x", "/v1/x", {}, None, None, 200, {}, None, 0, received, answered
        )

    # Two calls together, then two sent after the first answers, then one after those.
    calls = [call(0, 1), call(0.1, 1.1), call(1.2, 2), call(1.3, 2.1), call(2.2, 3)]

    assert round_trips(calls) == 3
    assert round_trips(calls[:2]) == 1
    assert round_trips([]) == 0
