"""createCustomerPayment, updateCustomerPayment, releaseCustomerPayment and
voidCustomerPayment: the DTO Visma receives (PaymentUpdateDto, generated), the payment
applied to the customer's invoice on release and given back on void, and no version where
the spec declares none."""

from __future__ import annotations

from typing import Any

from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway

CREATE = """
mutation($input: CreateCustomerPaymentInput!) {
  createCustomerPayment(input: $input) {
    customerPayment { refNbr status paymentAmount availableBalance
      paymentLines { refNbr amountPaid } }
    userErrors { message field code }
  }
}"""
ACTION = """mutation($n: String!) {{ {name}(refNbr: $n) {{
  customerPayment {{ status }} userErrors {{ message code }} }} }}"""
INVOICE = """query($n: String!) { customerInvoice(referenceNumber: $n) { status balance } }"""


def _open_invoice(gateway: Gateway) -> dict[str, Any]:
    invoices = gateway.sim.company(COMPANY_A_TENANT).receivables.invoices
    invoice: dict[str, Any] = next(i for i in invoices if i["status"] == "Open")
    return invoice


async def _create(gateway: Gateway, invoice: dict[str, Any], paid: str) -> dict[str, Any]:
    result = await gateway.query(
        CREATE,
        variables={
            "input": {
                "customer": invoice["customer"]["number"],
                "paymentAmount": paid,
                "paymentMethod": "BANK",
                "paymentLines": [
                    {
                        "operation": "INSERT",
                        "refNbr": invoice["referenceNumber"],
                        "amountPaid": paid,
                    }
                ],
            }
        },
    )
    assert "errors" not in result, result
    payload: dict[str, Any] = result["data"]["createCustomerPayment"]
    return payload


async def test_a_payment_settles_its_invoice_on_release_and_gives_it_back_on_void(
    gateway: Gateway,
) -> None:
    invoice = _open_invoice(gateway)
    number = invoice["referenceNumber"]
    before = await gateway.query(INVOICE, variables={"n": number})
    gateway.sim.reset_calls()

    created = await _create(gateway, invoice, str(invoice["balance"]))
    payment = created["customerPayment"]
    released = await gateway.query(
        ACTION.format(name="releaseCustomerPayment"), variables={"n": payment["refNbr"]}
    )
    settled = await gateway.query(INVOICE, variables={"n": number})
    voided = await gateway.query(
        ACTION.format(name="voidCustomerPayment"), variables={"n": payment["refNbr"]}
    )
    reopened = await gateway.query(INVOICE, variables={"n": number})

    assert created["userErrors"] == []
    assert (payment["status"], payment["availableBalance"]) == ("BALANCED", "0.0")
    assert payment["paymentLines"] == [{"refNbr": number, "amountPaid": str(invoice["balance"])}]
    assert gateway.writes()[0] == (
        "POST",
        "/v1/customerPayment",
        {
            "customer": {"value": invoice["customer"]["number"]},
            "paymentMethod": {"value": "BANK"},
            "paymentAmount": {"value": invoice["balance"]},
            "paymentLines": [
                {
                    "operation": "Insert",
                    "refNbr": {"value": number},
                    "amountPaid": {"value": invoice["balance"]},
                }
            ],
        },
        None,
    )
    assert before["data"]["customerInvoice"]["status"] == "OPEN"
    assert released["data"]["releaseCustomerPayment"]["customerPayment"] == {"status": "CLOSED"}
    assert settled["data"]["customerInvoice"] == {"status": "CLOSED", "balance": "0.0"}
    assert voided["data"]["voidCustomerPayment"]["customerPayment"] == {"status": "VOIDED"}
    assert reopened["data"]["customerInvoice"]["status"] == "OPEN"
    # The spec declares no If-Match on these: none is sent, none can be asked for.
    assert all(if_match is None for *_, if_match in gateway.writes())


async def test_paying_more_than_an_invoice_owes_is_a_user_error(gateway: Gateway) -> None:
    invoice = _open_invoice(gateway)
    too_much = str(float(invoice["balance"]) + 100)

    payload = await _create(gateway, invoice, too_much)

    assert payload["customerPayment"] is None
    [error] = payload["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert "exceeds the balance" in error["message"]


async def test_an_unreleased_payment_cannot_be_voided(gateway: Gateway) -> None:
    invoice = _open_invoice(gateway)
    created = await _create(gateway, invoice, "10")

    result = await gateway.query(
        ACTION.format(name="voidCustomerPayment"),
        variables={"n": created["customerPayment"]["refNbr"]},
    )

    [error] = result["data"]["voidCustomerPayment"]["userErrors"]
    assert "Only a released payment can be voided" in error["message"]
