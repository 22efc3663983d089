"""The hourly fixed-window budget per (tenant, client), driven by an injected clock."""

from __future__ import annotations

import httpx

from gateway.simulator import (
    COMPANY_A_TENANT,
    COMPANY_B_TENANT,
    Simulator,
    SimulatorConfig,
    demo_token,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def bearer(tenant: str, client_id: str = "visma-gateway-demo") -> dict[str, str]:
    return {"Authorization": f"Bearer {demo_token(tenant, client_id=client_id)}"}


def limited(budget: int, clock: FakeClock) -> tuple[Simulator, httpx.AsyncClient]:
    sim = Simulator(SimulatorConfig(hourly_budget=budget, window_seconds=3600, clock=clock))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app), base_url="http://sim")
    return sim, client


async def test_every_admitted_answer_carries_rate_limit_headers(
    client_a: httpx.AsyncClient,
) -> None:
    ok = await client_a.get("/v1/supplier/10001")
    missing = await client_a.get("/v1/supplier/nobody")
    bad = await client_a.get("/v1/supplier", params={"pageSize": "x"})

    for response, remaining in ((ok, 14999), (missing, 14998), (bad, 14997)):
        assert response.headers["x-ratelimit-limit"] == "15000"
        assert response.headers["x-ratelimit-remaining"] == str(remaining)
        assert 1 <= int(response.headers["x-ratelimit-reset"]) <= 3600
        assert response.headers["x-ratelimit-policy"] == "4-fixed-window"


async def test_budget_exhaustion_gives_429_until_the_window_passes() -> None:
    clock = FakeClock()
    sim, client = limited(3, clock)
    async with client:
        answers = [await client.get("/v1/supplier/10001", headers=bearer(COMPANY_A_TENANT))]
        clock.now += 600
        answers += [await client.get("/v1/supplier/10001", headers=bearer(COMPANY_A_TENANT))]
        answers += [await client.get("/v1/supplier/10001", headers=bearer(COMPANY_A_TENANT))]
        clock.now += 1000.5
        refused = await client.get("/v1/supplier/10001", headers=bearer(COMPANY_A_TENANT))
        refused_again = await client.get("/v1/supplier/10001", headers=bearer(COMPANY_A_TENANT))
        clock.now += 2000
        recovered = await client.get("/v1/supplier/10001", headers=bearer(COMPANY_A_TENANT))

    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.headers["x-ratelimit-remaining"] for a in answers] == ["2", "1", "0"]
    assert answers[1].headers["x-ratelimit-reset"] == "3000"
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "2000"
    assert refused.headers["x-ratelimit-remaining"] == "0"
    assert refused.json() == {
        "statusCode": 429,
        "message": "Rate limit is exceeded. Try again in 2000 seconds.",
    }
    assert refused_again.status_code == 429
    assert recovered.status_code == 200
    assert recovered.headers["x-ratelimit-remaining"] == "2"
    assert [c.status for c in sim.calls] == [200, 200, 200, 429, 429, 200]


async def test_budgets_are_per_tenant_and_client() -> None:
    clock = FakeClock()
    sim, client = limited(1, clock)
    async with client:
        first = await client.get("/v1/supplier", headers=bearer(COMPANY_A_TENANT))
        same = await client.get("/v1/supplier", headers=bearer(COMPANY_A_TENANT))
        other_company = await client.get("/v1/supplier", headers=bearer(COMPANY_B_TENANT))
        other_client = await client.get("/v1/supplier", headers=bearer(COMPANY_A_TENANT, "bench"))
        sim.reset_rate_limits()
        after_reset = await client.get("/v1/supplier", headers=bearer(COMPANY_A_TENANT))

    assert [r.status_code for r in (first, same, other_company, other_client, after_reset)] == [
        200,
        429,
        200,
        200,
        200,
    ]


async def test_config_changes_apply_to_a_running_simulator(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    sim.config.hourly_budget = 1

    assert (await client_a.get("/v1/supplier/10001")).status_code == 200
    assert (await client_a.get("/v1/supplier/10001")).status_code == 429
