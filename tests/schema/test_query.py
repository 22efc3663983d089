"""The schema end to end against the simulator: lookups, filters, paging and limits."""

from __future__ import annotations

from decimal import Decimal

from graphql import GraphQLError

from gateway.errors import NotFound
from gateway.simulator import COMPANY_A_TENANT, CompanyData
from schema.error_codes import coded
from schema.pagination import encode_cursor
from tests.conftest import Gateway


def company(gateway: Gateway) -> CompanyData:
    return gateway.sim.company(COMPANY_A_TENANT)


async def test_supplier_lookup_with_its_fields(gateway: Gateway) -> None:
    expected = sorted(company(gateway).suppliers, key=lambda s: s["number"])[0]
    result = await gateway.query(
        """query($n: String!) { supplier(number: $n) { number name status currencyId
             mainAddress { city country { id } } mainContact { email }
             supplierClass { vismaId description } creditTerms { termsId description }
             vatRegistrationId corporateId
             lastModifiedDateTime balance } }""",
        variables={"n": expected["number"]},
    )
    supplier = result["data"]["supplier"]
    assert supplier["number"] == expected["number"]
    assert supplier["name"] == expected["name"]
    assert supplier["status"] == {
        "OnHold": "ON_HOLD",
        "HoldPayments": "HOLD_PAYMENTS",
        "OneTime": "ONE_TIME",
    }.get(expected["status"], expected["status"].upper())
    assert supplier["mainAddress"]["city"] == expected["mainAddress"]["city"]
    # The class and terms Visma sent inline answer without reading their records.
    assert supplier["supplierClass"] == {
        "vismaId": expected["supplierClass"]["id"],
        "description": expected["supplierClass"]["description"],
    }
    assert supplier["creditTerms"] == {
        "termsId": expected["creditTerms"]["id"],
        "description": expected["creditTerms"]["description"],
    }
    assert {call.path for call in gateway.calls()} == {
        f"/v1/supplier/{expected['number']}",
        f"/v1/supplier/{expected['number']}/balance",
    }
    assert supplier["lastModifiedDateTime"].endswith("+00:00")
    open_balance = sum(
        Decimal(str(i["balance"]))
        for i in company(gateway).invoices
        if i["supplier"]["number"] == expected["number"] and i["status"] == "Open"
    )
    assert Decimal(supplier["balance"]) == open_balance


async def test_missing_records_are_null_without_error(gateway: Gateway) -> None:
    result = await gateway.query(
        """{ supplier(number: "99999999") { name }
             purchaseOrder(number: "NOPE") { orderNumber }
             supplierPayment(number: "NOPE") { referenceNumber }
             supplierInvoice(documentType: INVOICE, number: "NOPE") { referenceNumber } }"""
    )
    assert result["data"] == {
        "supplier": None,
        "purchaseOrder": None,
        "supplierPayment": None,
        "supplierInvoice": None,
    }
    assert "errors" not in result


async def test_document_lookups_and_their_back_references(gateway: Gateway) -> None:
    data = company(gateway)
    invoice, order, payment = data.invoices[0], data.purchase_orders[0], data.payments[0]
    result = await gateway.query(
        """query($t: SupplierInvoiceType!, $i: String!, $o: String!, $p: String!) {
             supplierInvoice(documentType: $t, number: $i) { referenceNumber lines { lineNumber }
               supplier { number name } }
             purchaseOrder(number: $o) { orderNumber lines { lineNumber } supplier { number } }
             supplierPayment(number: $p) { referenceNumber currency { id }
               paymentLines { invoiceReferenceNumber amountPaid invoice { referenceNumber } }
               supplier { status } } }""",
        variables={
            "t": {
                "Invoice": "INVOICE",
                "CreditAdj": "CREDIT_ADJ",
                "DebitAdj": "DEBIT_ADJ",
                "Prepayment": "PREPAYMENT",
            }[invoice["documentType"]],
            "i": invoice["referenceNumber"],
            "o": order["orderNbr"],
            "p": payment["refNbr"],
        },
    )
    assert "errors" not in result, result
    found = result["data"]
    assert found["supplierInvoice"]["supplier"] == {
        "number": invoice["supplier"]["number"],
        "name": invoice["supplier"]["name"],
    }
    assert len(found["supplierInvoice"]["lines"]) == len(invoice["invoiceLines"])
    assert found["purchaseOrder"]["supplier"]["number"] == order["supplier"]["number"]
    lines = found["supplierPayment"]["paymentLines"]
    assert [line["invoice"]["referenceNumber"] for line in lines] == [
        line["invoiceRefNbr"] for line in payment["paymentLines"]
    ]
    assert found["supplierPayment"]["supplier"]["status"] is not None


async def test_status_filter_reaches_visma_and_narrows_the_list(gateway: Gateway) -> None:
    result = await gateway.query(
        """{ supplierInvoices(first: 500, filter: {status: OPEN, balance: {operator: GREATER_THAN,
             value: "1000"}}) { totalCount nodes { status balance } } }"""
    )
    expected = [
        i for i in company(gateway).invoices if i["status"] == "Open" and i["balance"] > 1000
    ]
    page = result["data"]["supplierInvoices"]
    assert page["totalCount"] == len(expected)
    assert {n["status"] for n in page["nodes"]} == {"OPEN"}
    [call] = gateway.calls()
    assert call.params["status"] == "Open"
    assert call.params["balanceCondition"] == ">"


async def test_nested_lists_take_filters_and_cursors(gateway: Gateway) -> None:
    data = company(gateway)
    counts: dict[str, int] = {}
    for invoice in data.invoices:
        counts[invoice["supplier"]["number"]] = counts.get(invoice["supplier"]["number"], 0) + 1
    busiest = max(counts, key=lambda n: counts[n])
    query = """query($n: String!, $after: String) { supplier(number: $n) {
        invoices(first: 30, after: $after, filter: {documentType: INVOICE}) {
          totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
          nodes { referenceNumber } } } }"""
    first = await gateway.query(query, variables={"n": busiest})
    page = first["data"]["supplier"]["invoices"]
    assert page["pageInfo"]["hasNextPage"] is True
    assert page["pageInfo"]["endCursor"] == encode_cursor(29)
    second = await gateway.query(
        query, variables={"n": busiest, "after": page["pageInfo"]["endCursor"]}
    )
    next_page = second["data"]["supplier"]["invoices"]
    assert next_page["pageInfo"]["hasPreviousPage"] is True
    ours = sorted(
        i["referenceNumber"]
        for i in data.invoices
        if i["supplier"]["number"] == busiest and i["documentType"] == "Invoice"
    )
    assert [n["referenceNumber"] for n in page["nodes"] + next_page["nodes"]] == ours[:60]
    assert all(
        c.params.get("documentType") == "Invoice"
        for c in gateway.calls()
        if "invoice" in c.path.lower()
    )


async def test_first_above_the_limit_is_refused(gateway: Gateway) -> None:
    result = await gateway.query("{ suppliers(first: 501) { totalCount } }")
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert gateway.calls() == []


async def test_a_bad_cursor_is_refused(gateway: Gateway) -> None:
    result = await gateway.query('{ suppliers(after: "bm9wZQ==") { totalCount } }')
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert gateway.calls() == []


async def test_deep_queries_are_refused_before_any_call(gateway: Gateway) -> None:
    deep = (
        "{ supplierPayments { nodes { paymentLines { invoice { supplier { invoices { nodes"
        " { supplier { payments { nodes { supplier { name } } } } } } } } } } } }"
    )
    result = await gateway.query(deep)
    assert "exceeds maximum operation depth" in result["errors"][0]["message"]
    assert gateway.calls() == []


async def test_too_many_aliases_are_refused(gateway: Gateway) -> None:
    aliases = " ".join(f'a{i}: supplier(number: "{i}") {{ name }}' for i in range(31))
    result = await gateway.query("{ " + aliases + " }")
    assert "aliases" in result["errors"][0]["message"]
    assert gateway.calls() == []


async def test_every_response_reports_its_upstream_cost(gateway: Gateway) -> None:
    result = await gateway.query("{ suppliers(first: 2) { totalCount } }")
    assert result["extensions"]["upstream"] == {
        "estimatedCalls": 1,
        "admittedCalls": 300,
        "calls": 1,
        "cacheHits": 0,
    }
    assert len(result["extensions"]["operationId"]) == 16


def test_unexpected_errors_are_masked_and_ours_are_not() -> None:
    masked = coded(GraphQLError("boom", original_error=KeyError("secret")))
    assert (masked.message, masked.extensions) == (
        "Unexpected error.",
        {"code": "INTERNAL_SERVER_ERROR"},
    )
    assert coded(GraphQLError("gone", original_error=NotFound("gone"))).message == "gone"
    assert coded(GraphQLError("Syntax Error")).message == "Syntax Error"
