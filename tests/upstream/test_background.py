"""Actions through Visma's background API (GATEWAY_BACKGROUND_WAIT): followed to the end
within the wait, reported as still running beyond it, failures answered as the write's own."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.resources.supplier_invoice import SUPPLIER_INVOICE
from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, Simulator
from schema.jobs import encode_job_id
from tests.conftest import Gateway, running

CREATE = """mutation { createSupplierInvoice(input: {supplierNumber: "10015",
  invoiceLines: [{transactionDescription: "Frakt", quantity: "1", costInCurrency: "250"}]}) {
  supplierInvoice { referenceNumber } } }"""
RELEASE = """mutation { releaseSupplierInvoice(documentType: INVOICE, referenceNumber: "106001") {
  supplierInvoice { status } userErrors { code message }
  backgroundJob { id status statusCode } } }"""


@pytest.fixture
def settings() -> Settings:
    return Settings(background_wait=5.0)


def background_calls(gateway: Gateway) -> list[tuple[str, str, int]]:
    return [
        (c.method, c.path.rsplit("/", 1)[0], c.status)
        for c in gateway.calls()
        if "erp-api-background" in c.headers or c.path.startswith("/v1/background/")
    ]


def invoice_status(gateway: Gateway) -> str:
    invoices = gateway.sim.company(COMPANY_A_TENANT).invoices
    return str(next(i for i in invoices if i["referenceNumber"] == "106001")["status"])


async def test_a_release_is_followed_until_its_job_has_run(gateway: Gateway) -> None:
    await gateway.query(CREATE)
    gateway.sim.reset_calls()

    result = await gateway.query(RELEASE)

    payload: dict[str, Any] = result["data"]["releaseSupplierInvoice"]
    assert payload == {
        "supplierInvoice": {"status": "OPEN"},
        "userErrors": [],
        "backgroundJob": None,
    }
    assert background_calls(gateway) == [
        ("POST", "/v1/supplierInvoice/Invoice/106001/action", 202),
        ("GET", "/v1/background", 200),
        ("GET", "/v1/background", 200),
        ("GET", "/v1/background", 200),
    ]
    assert invoice_status(gateway) == "Open"


async def test_a_job_still_running_after_the_wait_is_reported_as_it_stands(sim: Simulator) -> None:
    sim.config.background_polls = 1000
    async with running(sim, Settings(background_wait=0.3)) as gateway:
        await gateway.query(CREATE)
        result = await gateway.query(RELEASE)
        job = result["data"]["releaseSupplierInvoice"]["backgroundJob"]
        sim.config.background_polls = 0
        later = await gateway.query(
            "query($id: ID!) { backgroundJob(id: $id) { status statusCode } }",
            variables={"id": job["id"]},
        )

    payload = result["data"]["releaseSupplierInvoice"]
    assert payload["supplierInvoice"] == {
        "status": "BALANCED"
    }  # not released yet, nor claimed to be
    assert payload["userErrors"] == []
    assert (job["status"], job["statusCode"]) == ("InProcess", None)
    assert later["data"]["backgroundJob"] == {"status": "Succeeded", "statusCode": 200}
    assert invoice_status(gateway) == "Open"


async def test_a_job_that_fails_answers_as_the_write_would(gateway: Gateway) -> None:
    await gateway.query(CREATE)
    await gateway.query(RELEASE)

    again = await gateway.query(RELEASE)

    payload = again["data"]["releaseSupplierInvoice"]
    assert payload["supplierInvoice"] is None and payload["backgroundJob"] is None
    [error] = payload["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert "already been released" in error["message"]


async def test_an_unknown_job_is_null(gateway: Gateway) -> None:
    unknown = encode_job_id("no-such-job", SUPPLIER_INVOICE, ("Invoice", "106001"))

    result = await gateway.query(
        "query($id: ID!) { backgroundJob(id: $id) { status } }", variables={"id": unknown}
    )

    assert result == {**result, "data": {"backgroundJob": None}}
