"""The write path over a real socket: timeouts after sending, Location on a real origin."""

from __future__ import annotations

import httpx

from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, FaultRule, Simulator
from tests.conftest import running, served

CREATE = """mutation { createSupplier(input: {name: "Nordlys Elektro AS"}) {
  supplier { number name } } }"""


async def test_a_write_that_times_out_after_sending_is_reported_as_unknown() -> None:
    sim = Simulator()
    sim.add_fault(FaultRule(r"/v1/supplier$", status=None, method="POST", delay_seconds=1.0))
    async with served(sim.app) as url:
        settings = Settings(visma_api_url=url, upstream_timeout=0.3)
        async with running(sim, settings, httpx.AsyncHTTPTransport()) as gateway:
            result = await gateway.query(CREATE)

    error = result["errors"][0]
    assert error["extensions"]["code"] == "UPSTREAM_OUTCOME_UNKNOWN"
    assert "may or may not have been applied" in error["message"]
    assert [(c.method, c.path) for c in sim.calls] == [("POST", "/v1/supplier")]
    # The simulator did write it: exactly the case the client has to check for.
    assert any(s["number"] == "10263" for s in sim.company(COMPANY_A_TENANT).suppliers)


async def test_a_location_on_the_upstream_origin_with_its_port_is_followed() -> None:
    sim = Simulator()
    async with served(sim.app) as url:
        settings = Settings(visma_api_url=url)
        async with running(sim, settings, httpx.AsyncHTTPTransport()) as gateway:
            result = await gateway.query(CREATE)

    assert result["data"]["createSupplier"]["supplier"] == {
        "number": "10263",
        "name": "Nordlys Elektro AS",
    }
    assert [(c.method, c.path) for c in sim.calls] == [
        ("POST", "/v1/supplier"),
        ("GET", "/v1/supplier/10263"),
    ]


async def test_a_location_on_another_port_is_refused() -> None:
    sim = Simulator()
    async with served(sim.app) as url:
        sim.config.location_origin = url.rsplit(":", 1)[0] + ":1"
        settings = Settings(visma_api_url=url)
        async with running(sim, settings, httpx.AsyncHTTPTransport()) as gateway:
            result = await gateway.query(CREATE)

    assert result["errors"][0]["extensions"]["code"] == "UPSTREAM_ERROR"
    assert [c.method for c in sim.calls] == ["POST"]
