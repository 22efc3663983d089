"""A customer's balance and documents after the receivable writes: a released invoice adds
to them, a released payment takes off what it pays, a void gives it back, an open sales order
counts until it is cancelled; each read after a write comes fresh from Visma."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway

VIEW = """query($n: String!) { customer(number: $n) {
  balance { balance totalOrder }
  documents(first: 500) { totalCount nodes { referenceNumber documentType status balance } } } }"""
CREATE_INVOICE = """mutation($input: CreateCustomerInvoiceInput!) {
  createCustomerInvoice(input: $input) { customerInvoice { referenceNumber amount } } }"""
CREATE_PAYMENT = """mutation($input: CreateCustomerPaymentInput!) {
  createCustomerPayment(input: $input) { customerPayment { refNbr } } }"""
CREATE_ORDER = """mutation($input: CreateSalesOrderInput!) {
  createSalesOrder(input: $input) { salesOrder { orderNo orderTotal } } }"""
ACTION = """mutation($n: String!) {{ {name}({key}: $n) {{ userErrors {{ message }} }} }}"""


async def _view(gateway: Gateway, customer: str, documents: bool = True) -> dict[str, Any]:
    """The customer's balance and documents, asserting the balance (and, with ``documents``,
    the documents) were read from Visma again."""
    gateway.sim.reset_calls()
    result = await gateway.query(VIEW, variables={"n": customer})
    assert "errors" not in result, result
    paths = {c.path for c in gateway.calls()}
    assert f"/v1/customer/{customer}/balance" in paths
    assert ("/v1/customerdocument" in paths) == documents
    view: dict[str, Any] = result["data"]["customer"]
    return view


async def _cached_view(gateway: Gateway, customer: str) -> dict[str, Any]:
    """The view read twice: the second read is served from the gateway's cache."""
    first = await _view(gateway, customer)
    again = await gateway.query(VIEW, variables={"n": customer})
    assert again["extensions"]["upstream"]["calls"] == 0
    assert again["data"]["customer"] == first
    return first


async def _act(gateway: Gateway, name: str, key: str, number: str) -> None:
    result = await gateway.query(ACTION.format(name=name, key=key), variables={"n": number})
    assert result["data"][name]["userErrors"] == [], result


def _balance(view: dict[str, Any], field: str = "balance") -> Decimal:
    return Decimal(view["balance"][field])


def _document(view: dict[str, Any], number: str) -> dict[str, Any]:
    document: dict[str, Any] = next(
        d for d in view["documents"]["nodes"] if d["referenceNumber"] == number
    )
    return document


def _open_invoice(gateway: Gateway) -> dict[str, Any]:
    invoices = gateway.sim.company(COMPANY_A_TENANT).receivables.invoices
    invoice: dict[str, Any] = next(
        i for i in invoices if i["status"] == "Open" and i["documentType"] == "Invoice"
    )
    return invoice


async def test_a_released_invoice_shows_in_the_customers_balance_and_documents(
    gateway: Gateway,
) -> None:
    customer = _open_invoice(gateway)["customer"]["number"]
    before = await _cached_view(gateway, customer)

    created = await gateway.query(
        CREATE_INVOICE,
        variables={
            "input": {
                "customerNumber": customer,
                "invoiceLines": [
                    {"operation": "INSERT", "quantity": "4", "unitPriceInCurrency": "1250.50"}
                ],
            }
        },
    )
    invoice = created["data"]["createCustomerInvoice"]["customerInvoice"]
    number = invoice["referenceNumber"]
    balanced = await _view(gateway, customer)
    await _act(gateway, "releaseCustomerInvoice", "referenceNumber", number)
    released = await _view(gateway, customer)

    assert invoice["amount"] == "6252.5"
    total = before["documents"]["totalCount"]
    assert balanced["documents"]["totalCount"] == total + 1
    assert _document(balanced, number) == {
        "referenceNumber": number,
        "documentType": "INVOICE",
        "status": "BALANCED",
        "balance": "6252.5",
    }
    # An unreleased document is not on the customer's account yet.
    assert _balance(balanced) == _balance(before)
    assert released["documents"]["totalCount"] == total + 1
    assert _document(released, number)["status"] == "OPEN"
    assert _balance(released) == _balance(before) + Decimal("6252.5")


async def test_a_released_payment_lowers_the_balances_and_its_void_gives_them_back(
    gateway: Gateway,
) -> None:
    invoice = _open_invoice(gateway)
    customer, number = invoice["customer"]["number"], invoice["referenceNumber"]
    owed = Decimal(str(invoice["balance"]))
    before = await _cached_view(gateway, customer)

    created = await gateway.query(
        CREATE_PAYMENT,
        variables={
            "input": {
                "customer": customer,
                "paymentAmount": str(owed + 100),
                "paymentLines": [
                    {"operation": "INSERT", "refNbr": number, "amountPaid": str(owed)}
                ],
            }
        },
    )
    payment = created["data"]["createCustomerPayment"]["customerPayment"]["refNbr"]
    await _act(gateway, "releaseCustomerPayment", "refNbr", payment)
    paid = await _view(gateway, customer)
    await _act(gateway, "voidCustomerPayment", "refNbr", payment)
    voided = await _view(gateway, customer)

    assert Decimal(_document(before, number)["balance"]) == owed
    assert _document(paid, number)["status"] == "CLOSED"
    assert Decimal(_document(paid, number)["balance"]) == 0
    # What the payment left unapplied is a credit on the customer's account.
    assert _document(paid, payment) == {
        "referenceNumber": payment,
        "documentType": "PAYMENT",
        "status": "OPEN",
        "balance": "100.0",
    }
    assert _balance(paid) == _balance(before) - owed - 100
    assert _document(voided, number)["status"] == "OPEN"
    assert Decimal(_document(voided, number)["balance"]) == owed
    assert _document(voided, payment)["status"] == "VOIDED"
    assert _balance(voided) == _balance(before)


async def test_an_open_sales_order_counts_in_the_total_order_until_it_is_cancelled(
    gateway: Gateway,
) -> None:
    customer = gateway.sim.company(COMPANY_A_TENANT).receivables.customers[1]["number"]
    before = await _cached_view(gateway, customer)

    created = await gateway.query(
        CREATE_ORDER,
        variables={
            "input": {
                "customer": customer,
                "lines": [{"operation": "INSERT", "quantity": "3", "unitPrice": "1000"}],
            }
        },
    )
    order = created["data"]["createSalesOrder"]["salesOrder"]
    # An order is no document: the customer's documents stay cached.
    ordered = await _view(gateway, customer, documents=False)
    await _act(gateway, "cancelSalesOrder", "orderNo", order["orderNo"])
    cancelled = await _view(gateway, customer, documents=False)

    assert order["orderTotal"] == "3750.0"
    assert _balance(ordered, "totalOrder") == _balance(before, "totalOrder") + 3750
    assert _balance(cancelled, "totalOrder") == _balance(before, "totalOrder")
    assert _balance(cancelled) == _balance(before)
