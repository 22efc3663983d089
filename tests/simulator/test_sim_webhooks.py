"""The simulator announces its changes with signed webhooks, closing the loop locally."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, Simulator, SimulatorConfig
from tests.conftest import Gateway, running

SECRET = "sim-signing-key"
Q = '{ supplier(number: "10001") { name lastModifiedDateTime } }'


@pytest.fixture
async def looped() -> AsyncIterator[Gateway]:
    """A gateway whose simulator sends its webhooks to the gateway itself."""
    sim = Simulator(SimulatorConfig(webhook_url="http://gateway.test/webhooks/visma"))
    sim.config.webhook_secret = SECRET
    async with running(sim, Settings(webhook_secret=SECRET)) as gateway:
        sim.config.webhook_transport = httpx.ASGITransport(app=gateway.app)
        yield gateway


async def accepted(gateway: Gateway) -> bool:
    metrics = (await gateway.client.get("/metrics")).text
    return 'gateway_webhooks_total{result="accepted"} 1.0' in metrics


async def test_the_trigger_changes_the_record_and_the_gateway_reads_it_afresh(
    looped: Gateway,
) -> None:
    before = await looped.query(Q)
    sim_client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=looped.sim.app), base_url="http://sim"
    )
    looped.sim.reset_calls()

    async with sim_client:
        answer = await sim_client.post(
            "/_simulator/webhooks/trigger",
            json={"tenant": COMPANY_A_TENANT, "entity": "supplier", "number": "10001"},
        )
        missing = await sim_client.post(
            "/_simulator/webhooks/trigger",
            json={"tenant": COMPANY_A_TENANT, "entity": "supplier", "number": "99999"},
        )
    after = await looped.query(Q)

    assert answer.status_code == 200
    assert answer.json() == {
        "resourceUri": "https://api.finance.visma.net/v1/supplier/10001",
        "delivered": 200,
    }
    assert missing.status_code == 404
    assert [call.path for call in looped.sim.calls] == ["/v1/supplier/10001"]
    new, old = (r["data"]["supplier"]["lastModifiedDateTime"] for r in (after, before))
    assert new > old


async def test_a_write_sends_a_signed_webhook_that_the_gateway_accepts(looped: Gateway) -> None:
    result = await looped.query(
        'mutation { updateSupplier(number: "10002", input: {name: "Fjord Frakt AS"}) '
        "{ supplier { name } } }"
    )
    assert "errors" not in result

    for _ in range(100):
        if await accepted(looped):
            break
        await asyncio.sleep(0.01)
    assert await accepted(looped)


async def test_a_touched_customer_invoice_shows_in_its_document(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    invoice = sim.company(COMPANY_A_TENANT).receivables.invoices[0]
    number, customer = invoice["referenceNumber"], invoice["customer"]["number"]

    answer = await client_a.post(
        "/_simulator/webhooks/trigger",
        json={"tenant": COMPANY_A_TENANT, "entity": "customerInvoice", "number": number},
    )
    touched = (await client_a.get(f"/v1/customerinvoice/{number}")).json()
    documents = (await client_a.get(f"/v1/customer/{customer}/document")).json()

    assert answer.status_code == 200
    [document] = [d for d in documents if d["referenceNumber"] == number]
    assert touched["lastModifiedDateTime"] != invoice["lastModifiedDateTime"]
    assert document["lastModifiedDateTime"] == touched["lastModifiedDateTime"]
