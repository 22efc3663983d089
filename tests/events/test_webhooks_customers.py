"""Webhooks of the receivable side invalidate what their declarations say, for their company."""

from __future__ import annotations

import pytest

from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, demo_token
from tests.conftest import TOKEN_B, Gateway
from tests.events.test_webhooks import SECRET, deliver, legacy_body, paths

CUSTOMER = (
    '{ customer(number: "00001") { name balance { balance } invoices(first: 5) { totalCount } } }'
)
ORDERS = "{ salesOrders(first: 5) { nodes { orderNo } } }"
OTHER_USER_A = demo_token(COMPANY_A_TENANT, subject="other-user")


@pytest.fixture
def settings() -> Settings:
    return Settings(webhook_secret=SECRET)


async def warm(gateway: Gateway) -> None:
    for query, token in ((CUSTOMER, OTHER_USER_A), (CUSTOMER, TOKEN_B), (ORDERS, OTHER_USER_A)):
        assert "errors" not in await gateway.query(query, token=token)
    gateway.sim.reset_calls()


async def test_a_customer_change_refreshes_that_customer_and_its_balance_only(
    gateway: Gateway,
) -> None:
    await warm(gateway)

    response = await deliver(gateway, legacy_body("/v1/customer/00001", "customer_changed"))
    refreshed = await gateway.query(CUSTOMER, token=OTHER_USER_A)

    assert response.json() == {"status": "accepted"}
    assert "errors" not in refreshed
    assert sorted(paths(gateway.sim)) == ["/v1/customer/00001", "/v1/customer/00001/balance"]
    gateway.sim.reset_calls()
    other_company = await gateway.query(CUSTOMER, token=TOKEN_B)
    other_kind = await gateway.query(ORDERS, token=OTHER_USER_A)
    assert other_company["extensions"]["upstream"]["calls"] == 0
    assert other_kind["extensions"]["upstream"]["calls"] == 0
    assert gateway.sim.calls == []


async def test_an_ar_invoice_event_refreshes_invoices_and_balances_not_the_customer(
    gateway: Gateway,
) -> None:
    await warm(gateway)
    body = {"eventType": "AR Invoice Status Changed", "entityId": "000001"}

    response = await deliver(gateway, body, notification="n-ar")
    again = await gateway.query(CUSTOMER, token=OTHER_USER_A)

    assert response.json() == {"status": "accepted"}
    assert "/v1/customer/00001" not in paths(gateway.sim)
    assert set(paths(gateway.sim)) == {"/v1/customerinvoice", "/v1/customer/00001/balance"}
    assert again["extensions"]["upstream"]["calls"] > 0
    assert COMPANY_B_TENANT not in {call.tenant_id for call in gateway.sim.calls}


async def test_a_customer_invoice_event_makes_customer_documents_read_anew(
    gateway: Gateway,
) -> None:
    documents = '{ customer(number: "00001") { documents(first: 5) { totalCount } } }'
    listed = "{ customerDocuments(first: 5) { nodes { referenceNumber } } }"
    for query in (documents, listed):
        assert "errors" not in await gateway.query(query, token=OTHER_USER_A)
    gateway.sim.reset_calls()
    cached = await gateway.query(listed, token=OTHER_USER_A)
    assert cached["extensions"]["upstream"]["calls"] == 0

    body = {"eventType": "CustomerInvoice Changed", "entityId": "000001"}
    response = await deliver(gateway, body, notification="n-ar-documents")
    again = [await gateway.query(q, token=OTHER_USER_A) for q in (documents, listed)]

    assert response.json() == {"status": "accepted"}
    assert all("errors" not in result for result in again)
    assert paths(gateway.sim).count("/v1/customerdocument") == 2
    assert "/v1/customer/00001" not in paths(gateway.sim)
