"""Background jobs as nodes (schema/jobs.py), against the simulator's background API: read
again by `node(id:)`, followed by `backgroundJobChanged` over a real websocket, and, once
succeeded, answering the record they wrote with the cache's stale entries forgotten."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import websockets
from websockets.typing import Subprotocol

from gateway.settings import Settings
from gateway.simulator import Simulator
from tests.conftest import TOKEN_A, Gateway, running, served

CREATE = """mutation { createSupplierInvoice(input: {supplierNumber: "10015",
  invoiceLines: [{transactionDescription: "Frakt", quantity: "1", costInCurrency: "250"}]}) {
  supplierInvoice { referenceNumber } } }"""
RELEASE = """mutation { releaseSupplierInvoice(documentType: INVOICE, referenceNumber: "106001") {
  supplierInvoice { status } backgroundJob { id requestId status } } }"""
STATUS = '{ supplierInvoice(documentType: INVOICE, number: "106001") { status } }'
JOB = """query($id: ID!) { node(id: $id) { id ... on BackgroundJob { status statusCode
  record { ... on SupplierInvoice { referenceNumber status } } } } }"""


async def _queued_release(gateway: Gateway, sim: Simulator) -> dict[str, Any]:
    sim.config.background_polls = 1000  # the job stays in process until told otherwise
    await gateway.query(CREATE)
    result = await gateway.query(RELEASE)
    payload: dict[str, Any] = result["data"]["releaseSupplierInvoice"]
    assert payload["supplierInvoice"] == {"status": "BALANCED"}
    return payload["backgroundJob"]  # type: ignore[no-any-return]


async def test_a_finished_job_answers_its_record_and_the_cache_forgets_the_old_one(
    sim: Simulator,
) -> None:
    async with running(sim, Settings(background_wait=0.3)) as gateway:
        job = await _queued_release(gateway, sim)
        running_job = await gateway.query(JOB, variables={"id": job["id"]})
        # A read while the job runs: the unreleased invoice, now cached.
        before = await gateway.query(STATUS)
        sim.config.background_polls = 0

        done = await gateway.query(JOB, variables={"id": job["id"]})
        after = await gateway.query(STATUS)

    assert running_job["data"]["node"] == {
        "id": job["id"],
        "status": "InProcess",
        "statusCode": None,
        "record": None,
    }
    assert before["data"]["supplierInvoice"] == {"status": "BALANCED"}
    assert "errors" not in done, done
    assert done["data"]["node"]["record"] == {"referenceNumber": "106001", "status": "OPEN"}
    assert (done["data"]["node"]["status"], done["data"]["node"]["statusCode"]) == (
        "Succeeded",
        200,
    )
    assert after["data"]["supplierInvoice"] == {"status": "OPEN"}
    assert job["requestId"] and job["requestId"] != job["id"]


async def test_an_id_no_job_has_is_refused_with_a_code(gateway: Gateway) -> None:
    # Base64 of "not-a-job": an id of nothing this API answered.
    result = await gateway.query('{ backgroundJob(id: "bm90LWEtam9i") { status } }')

    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert gateway.calls() == []


async def test_a_subscriber_follows_the_job_until_it_has_run(sim: Simulator) -> None:
    async with running(sim, Settings(background_wait=0.3)) as gateway, served(gateway.app) as url:
        job = await _queued_release(gateway, sim)
        async with websockets.connect(
            url.replace("http", "ws", 1) + "/graphql",
            subprotocols=[Subprotocol("graphql-transport-ws")],
        ) as ws:
            await ws.send(
                json.dumps(
                    {"type": "connection_init", "payload": {"Authorization": f"Bearer {TOKEN_A}"}}
                )
            )
            assert json.loads(await ws.recv()) == {"type": "connection_ack"}
            query = """subscription($id: ID!) { backgroundJobChanged(id: $id) { status
              record { ... on SupplierInvoice { status } } } }"""
            subscribe = {"query": query, "variables": {"id": job["id"]}}
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": subscribe}))
            first = json.loads(await asyncio.wait_for(ws.recv(), 3))
            sim.config.background_polls = 0
            last = json.loads(await asyncio.wait_for(ws.recv(), 5))
            complete = json.loads(await asyncio.wait_for(ws.recv(), 3))

    assert first["payload"]["data"]["backgroundJobChanged"] == {
        "status": "InProcess",
        "record": None,
    }
    assert last["payload"]["data"]["backgroundJobChanged"] == {
        "status": "Succeeded",
        "record": {"status": "OPEN"},
    }
    assert complete == {"id": "1", "type": "complete"}
