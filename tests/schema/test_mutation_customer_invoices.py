"""createCustomerInvoice, updateCustomerInvoice and releaseCustomerInvoice: the DTO Visma
receives (CustomerInvoiceUpdateDto, generated), the totals its lines make, the customer's
invoices refreshed by the write, and no version where the spec declares none."""

from __future__ import annotations

from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway

CREATE = """
mutation($input: CreateCustomerInvoiceInput!) {
  createCustomerInvoice(input: $input) {
    customerInvoice { referenceNumber status amount vatTotal
      invoiceLines { lineNumber quantity amount inventoryItem { inventoryNumber } } }
    userErrors { message field code }
  }
}"""
UPDATE = """
mutation($n: String!, $input: UpdateCustomerInvoiceInput!) {
  updateCustomerInvoice(referenceNumber: $n, input: $input) {
    customerInvoice { amount invoiceLines { lineNumber quantity } }
    userErrors { message field code }
  }
}"""
RELEASE = """mutation($n: String!) { releaseCustomerInvoice(referenceNumber: $n) {
  customerInvoice { status } userErrors { message code } } }"""
INVOICES = """query($n: String!) { customer(number: $n) { invoices(first: 500) {
  totalCount } } }"""


async def test_an_invoice_is_created_updated_released_and_listed_under_its_customer(
    gateway: Gateway,
) -> None:
    customer = gateway.sim.company(COMPANY_A_TENANT).receivables.customers[0]["number"]
    before = await gateway.query(INVOICES, variables={"n": customer})
    gateway.sim.reset_calls()

    created = await gateway.query(
        CREATE,
        variables={
            "input": {
                "customerNumber": customer,
                "invoiceText": "Kranleie uke 12",
                "invoiceLines": [
                    {
                        "operation": "INSERT",
                        "inventoryNumber": "KRAN-LEIE",
                        "quantity": "4",
                        "unitPriceInCurrency": "1250.50",
                    }
                ],
            }
        },
    )
    payload = created["data"]["createCustomerInvoice"]
    number = payload["customerInvoice"]["referenceNumber"]
    updated = await gateway.query(
        UPDATE,
        variables={
            "n": number,
            "input": {"invoiceLines": [{"operation": "UPDATE", "lineNumber": 1, "quantity": "2"}]},
        },
    )
    released = await gateway.query(RELEASE, variables={"n": number})
    after = await gateway.query(INVOICES, variables={"n": customer})

    assert payload["userErrors"] == []
    assert payload["customerInvoice"] == {
        "referenceNumber": number,
        "status": "BALANCED",
        "amount": "6252.5",
        "vatTotal": "1250.5",
        "invoiceLines": [
            {
                "lineNumber": 1,
                "quantity": "4.0",
                "amount": "5002.0",
                "inventoryItem": {"inventoryNumber": "KRAN-LEIE"},
            }
        ],
    }
    create, update, release = gateway.writes()
    assert create == (
        "POST",
        "/v1/customerinvoice",
        {
            "invoiceLines": [
                {
                    "operation": "Insert",
                    "inventoryNumber": {"value": "KRAN-LEIE"},
                    "quantity": {"value": 4},
                    "unitPriceInCurrency": {"value": 1250.5},
                }
            ],
            "customerNumber": {"value": customer},
            "invoiceText": {"value": "Kranleie uke 12"},
        },
        None,
    )
    assert update[:2] == ("PUT", f"/v1/customerinvoice/{number}")
    assert release == ("POST", f"/v1/customerinvoice/{number}/action/release", None, None)
    assert updated["data"]["updateCustomerInvoice"]["customerInvoice"] == {
        "amount": "3126.25",
        "invoiceLines": [{"lineNumber": 1, "quantity": "2.0"}],
    }
    assert released["data"]["releaseCustomerInvoice"]["customerInvoice"] == {"status": "OPEN"}
    total = before["data"]["customer"]["invoices"]["totalCount"]
    assert after["data"]["customer"]["invoices"]["totalCount"] == total + 1


async def test_an_unknown_customer_is_a_user_error_at_its_field(gateway: Gateway) -> None:
    result = await gateway.query(CREATE, variables={"input": {"customerNumber": "NOPE"}})

    payload = result["data"]["createCustomerInvoice"]
    assert payload["customerInvoice"] is None
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["input", "customerNumber"])


DOCUMENTS = """query($n: String!) { customer(number: $n) { documents(first: 500) {
  nodes { documentType referenceNumber status amount } } } }"""


async def _released(gateway: Gateway, customer: str) -> dict[str, str]:
    """A new invoice of ``customer``, released; its number and amount."""
    created = await gateway.query(
        CREATE,
        variables={
            "input": {
                "customerNumber": customer,
                "invoiceLines": [
                    {"inventoryNumber": "KRAN-LEIE", "quantity": "2", "unitPriceInCurrency": "900"}
                ],
            }
        },
    )
    invoice: dict[str, str] = created["data"]["createCustomerInvoice"]["customerInvoice"]
    await gateway.query(RELEASE, variables={"n": invoice["referenceNumber"]})
    return invoice


def _action(name: str) -> str:
    return f"""mutation($n: String!) {{ {name}(referenceNumber: $n) {{
      customerInvoice {{ status }} userErrors {{ message code }} }} }}"""


async def test_a_released_invoice_is_reversed_by_a_credit_note(gateway: Gateway) -> None:
    customer = gateway.sim.company(COMPANY_A_TENANT).receivables.customers[0]["number"]
    invoice = await _released(gateway, customer)
    number = invoice["referenceNumber"]
    await gateway.query(DOCUMENTS, variables={"n": customer})  # cached before the action

    reversed_ = await gateway.query(_action("reverseCustomerInvoice"), variables={"n": number})
    again = await gateway.query(_action("reverseCustomerInvoice"), variables={"n": "NO-SUCH"})
    listed = await gateway.query(DOCUMENTS, variables={"n": customer})

    assert reversed_["data"]["reverseCustomerInvoice"] == {
        "customerInvoice": {"status": "OPEN"},
        "userErrors": [],
    }
    assert again["data"]["reverseCustomerInvoice"]["userErrors"][0]["code"] == "NOT_FOUND"
    post = next(c for c in gateway.calls() if c.path.endswith("/action/reverse"))
    assert (post.path, post.body) == (
        f"/v1/customerinvoice/{number}/action/reverse",
        {"returnCreditNote": False},
    )
    nodes = listed["data"]["customer"]["documents"]["nodes"]
    [note] = [
        n for n in nodes if n["documentType"] == "CREDIT_NOTE" and n["referenceNumber"] > number
    ]
    assert (note["status"], note["amount"]) == ("BALANCED", invoice["amount"])


async def test_a_released_invoice_is_corrected_by_a_credit_note_and_a_copy_on_hold(
    gateway: Gateway,
) -> None:
    customer = gateway.sim.company(COMPANY_A_TENANT).receivables.customers[0]["number"]
    invoice = await _released(gateway, customer)
    number = invoice["referenceNumber"]

    corrected = await gateway.query(_action("correctCustomerInvoice"), variables={"n": number})
    twice = await gateway.query(_action("correctCustomerInvoice"), variables={"n": number})
    listed = await gateway.query(DOCUMENTS, variables={"n": customer})

    assert corrected["data"]["correctCustomerInvoice"] == {
        "customerInvoice": {"status": "CLOSED"},
        "userErrors": [],
    }
    [error] = twice["data"]["correctCustomerInvoice"]["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    post = next(c for c in gateway.calls() if c.path.endswith("/action/correct"))
    assert (post.path, post.body) == (f"/v1/customerinvoice/{number}/action/correct", None)
    made = sorted(
        (n["documentType"], n["status"], n["amount"])
        for n in listed["data"]["customer"]["documents"]["nodes"]
        if n["referenceNumber"] > number and n["documentType"] != "PAYMENT"
    )
    assert made == [
        ("CREDIT_NOTE", "CLOSED", invoice["amount"]),
        ("INVOICE", "HOLD", invoice["amount"]),
    ]
