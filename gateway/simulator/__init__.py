"""An embedded simulator of the Visma.net ERP REST API (supplier-side read endpoints).

It serves two deterministic demo companies (A: Norwegian, NOK; B: Swedish, SEK), checks
demo tokens the way Visma checks Connect tokens, enforces the hourly rate limit, and lets
tests inject faults and inspect the calls it received::

    sim = Simulator(SimulatorConfig(max_page_size=200))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app), base_url="http://sim")
    token = demo_token(COMPANY_A_TENANT)
    await client.get("/v1/supplierInvoice", headers={"Authorization": f"Bearer {token}"})
    sim.calls  # what arrived, with statuses

Served endpoints: ``/v1/supplier`` (+ ``/{supplierCd}``, ``/{supplierCd}/balance``,
``/{supplierCd}/POBalance``, ``/{supplierNumber}/invoice``, ``/balance``, ``/POBalance``),
``/v1/supplierInvoice`` (+ ``/{invoiceNumber}``, ``/{documentType}/{invoiceNumber}``),
``/v1/purchaseorder`` (+ ``/{purchaseOrderNumber}``) and ``/v1/supplierPayment``
(+ ``/{paymentNumber}``, ``/{paymentType}/{paymentNumber}``). Out-of-band:
``GET|DELETE /_simulator/calls``, ``GET /_simulator/health`` and
``POST /_simulator/webhooks/trigger`` (see ``gateway.simulator.webhooks``: with
``SimulatorConfig.webhook_url`` set, writes send signed webhooks there).
"""

from gateway.simulator.app import Simulator
from gateway.simulator.config import SimulatorConfig
from gateway.simulator.demodata import CompanyData
from gateway.simulator.faults import FaultRule
from gateway.simulator.recording import RecordedCall
from gateway.simulator.tokens import (
    COMPANY_A_TENANT,
    COMPANY_B_TENANT,
    UNLICENSED_TENANT,
    demo_token,
    signed_token,
)

__all__ = [
    "COMPANY_A_TENANT",
    "COMPANY_B_TENANT",
    "UNLICENSED_TENANT",
    "CompanyData",
    "FaultRule",
    "RecordedCall",
    "Simulator",
    "SimulatorConfig",
    "demo_token",
    "signed_token",
]
