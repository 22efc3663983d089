"""The receivable side: customers, classes, invoices, payments, sales orders, contacts,
balances and documents, served for both companies and consistent with the lookups."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, Simulator
from gateway.simulator.demodata.common import cents
from gateway.simulator.timeformat import read_stamp

Json = Any
TENANTS = [COMPANY_A_TENANT, COMPANY_B_TENANT]

PAGED_LISTS = [
    "/v1/customer",
    "/v1/customerinvoice",
    "/v1/customerPayment",
    "/v1/salesorder",
    "/v1/salesordertype",
    "/v1/customerdocument",
    "/v1/customer/00001/invoice",
    "/v1/customer/00001/salesorder",
    "/v1/customer/00001/document",
]


async def _all(client: httpx.AsyncClient, path: str, **params: str) -> tuple[list[Json], int]:
    """Every item of a paged list read with pages of 1000, and how many calls it took."""
    items: list[Json] = []
    calls = 0
    while True:
        calls += 1
        response = await client.get(path, params={**params, "pageSize": 1000, "pageNumber": calls})
        assert response.status_code == 200, response.text
        page: list[Json] = response.json()
        items += page
        if not page or len(items) >= page[0]["metadata"]["totalCount"]:
            return items, calls


@pytest.mark.parametrize("path", PAGED_LISTS)
async def test_lists_page_with_metadata(client_a: httpx.AsyncClient, path: str) -> None:
    first = (await client_a.get(path, params={"pageSize": 2})).json()
    second = (await client_a.get(path, params={"pageSize": 2, "pageNumber": 2})).json()
    whole = (await client_a.get(path, params={"pageSize": 4})).json()

    total = first[0]["metadata"]["totalCount"]
    assert total >= 4
    assert [item["metadata"]["totalCount"] for item in first + second] == [total] * 4
    assert first + second == whole


@pytest.mark.parametrize("tenant", TENANTS)
def test_each_company_has_hundreds_of_customers_and_thousands_of_documents(
    sim: Simulator, tenant: str
) -> None:
    book = sim.company(tenant).receivables

    assert len(book.customers) >= 300
    assert min(len(book.invoices), len(book.payments), len(book.sales_orders)) >= 1000
    assert all(invoice["invoiceLines"] for invoice in book.invoices)
    assert all(order["lines"] for order in book.sales_orders)


@pytest.mark.parametrize(
    "path",
    [
        "/v1/customer/99999",
        "/v1/customer/customerClass/NOPE",
        "/v1/customer/99999/balance",
        "/v1/customer/99999/invoice",
        "/v1/customer/99999/salesorder",
        "/v1/customer/99999/contact",
        "/v1/customer/99999/document",
        "/v1/customerinvoice/1",
        "/v1/customerPayment/1",
        "/v1/salesorder/999999",
        "/v1/salesorder/QT/000001",
    ],
)
async def test_unknown_keys_are_404(client_a: httpx.AsyncClient, path: str) -> None:
    response = await client_a.get(path)

    assert response.status_code == 404
    assert "was not found" in response.json()["message"]


async def test_records_are_found_by_their_keys(client_a: httpx.AsyncClient, sim: Simulator) -> None:
    book = sim.company(COMPANY_A_TENANT).receivables
    order = book.sales_orders[0]

    typed = await client_a.get(f"/v1/salesorder/{order['orderType']}/{order['orderNo']}")
    plain = await client_a.get(f"/v1/salesorder/{order['orderNo']}")
    invoice = await client_a.get(f"/v1/customerinvoice/{book.invoices[5]['referenceNumber']}")
    payment = await client_a.get(f"/v1/customerPayment/{book.payments[5]['refNbr']}")
    balance = await client_a.get(f"/v1/customer/{book.customers[3]['number']}/balance")
    klass = await client_a.get(f"/v1/customer/customerClass/{book.customer_classes[0]['id']}")

    assert typed.json() == plain.json() == order
    assert invoice.json() == book.invoices[5]
    assert payment.json() == book.payments[5]
    assert balance.json()["customer"]["number"] == book.customers[3]["number"]
    assert klass.json() == book.customer_classes[0]


async def test_the_other_company_sees_only_its_own_customers(
    client_a: httpx.AsyncClient, client_b: httpx.AsyncClient, sim: Simulator
) -> None:
    seen_a, _ = await _all(client_a, "/v1/customer")
    seen_b, _ = await _all(client_b, "/v1/customer")

    def plain(items: list[Json]) -> list[Json]:
        return [{k: v for k, v in item.items() if k != "metadata"} for item in items]

    assert plain(seen_a) == sim.company(COMPANY_A_TENANT).receivables.customers
    assert plain(seen_b) == sim.company(COMPANY_B_TENANT).receivables.customers
    assert {c["internalId"] for c in seen_a}.isdisjoint(c["internalId"] for c in seen_b)


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/v1/customerinvoice", "customer"),
        ("/v1/customerPayment", "customer"),
        ("/v1/customerdocument", "customer"),
    ],
)
async def test_bulk_lists_read_whole_in_a_few_calls_and_filter_by_customer(
    client_a: httpx.AsyncClient, sim: Simulator, path: str, param: str
) -> None:
    everything, calls = await _all(client_a, path)
    customers = sim.company(COMPANY_A_TENANT).receivables.customers
    busiest = Counter(item["customer"]["number"] for item in everything).most_common(1)[0][0]
    filtered = (await client_a.get(path, params={param: busiest, "pageSize": 1000})).json()

    assert calls <= 7
    assert {item["customer"]["number"] for item in everything} <= {c["number"] for c in customers}
    assert filtered == [
        {**item, "metadata": filtered[0]["metadata"]}
        for item in everything
        if item["customer"]["number"] == busiest
    ]
    assert filtered[0]["metadata"]["totalCount"] == len(filtered)


@pytest.mark.parametrize(
    ("nested", "listing"),
    [("invoice", "/v1/customerinvoice"), ("document", "/v1/customerdocument")],
)
async def test_a_customers_lists_are_the_bulk_lists_for_that_customer(
    client_a: httpx.AsyncClient, nested: str, listing: str
) -> None:
    mine = (await client_a.get(f"/v1/customer/00002/{nested}", params={"pageSize": 1000})).json()
    bulk = (await client_a.get(listing, params={"customer": "00002", "pageSize": 1000})).json()

    assert mine
    assert mine == bulk


async def test_a_customers_sales_orders_are_theirs(
    client_a: httpx.AsyncClient, sim: Simulator
) -> None:
    orders = sim.company(COMPANY_A_TENANT).receivables.sales_orders
    mine = (await client_a.get("/v1/customer/00003/salesorder", params={"pageSize": 1000})).json()

    expected = [o["orderNo"] for o in orders if o["customer"]["number"] == "00003"]
    assert expected
    assert [o["orderNo"] for o in mine] == expected


@pytest.mark.parametrize(
    ("path", "params", "check"),
    [
        ("/v1/customer", {"status": "Inactive"}, lambda r: r["status"] == "Inactive"),
        ("/v1/customer", {"greaterThanValue": "00300"}, lambda r: r["number"] > "00300"),
        ("/v1/customerinvoice", {"status": "Open"}, lambda r: r["status"] == "Open"),
        (
            "/v1/customerinvoice",
            {"documentType": "CreditNote"},
            lambda r: r["documentType"] == "CreditNote",
        ),
        (
            "/v1/customerinvoice",
            {"documentDate": "2026-03-01", "documentDateCondition": ">="},
            lambda r: r["documentDate"] >= "2026-03-01",
        ),
        ("/v1/customerinvoice", {"project": "P24-101"}, lambda r: r["project"]["id"] == "P24-101"),
        (
            "/v1/customerPayment",
            {"docDate": "2026-03-01", "docDateCondition": "<"},
            lambda r: r["applicationDate"] < "2026-03-01",
        ),
        ("/v1/salesorder", {"orderType": "QT"}, lambda r: r["orderType"] == "QT"),
        ("/v1/salesorder", {"status": "Open"}, lambda r: r["status"] == "Open"),
        (
            "/v1/customerdocument",
            {"documentType": "Payment"},
            lambda r: r["documentType"] == "Payment",
        ),
    ],
)
async def test_filters_keep_exactly_the_matching_records(
    client_a: httpx.AsyncClient, path: str, params: dict[str, str], check: Callable[[Json], bool]
) -> None:
    everything, _ = await _all(client_a, path)
    matching, _ = await _all(client_a, path, **params)

    strip = [{k: v for k, v in r.items() if k != "metadata"} for r in matching]
    expected = [{k: v for k, v in r.items() if k != "metadata"} for r in everything]
    assert strip
    assert len(strip) < len(expected)
    assert strip == [r for r in expected if _matches(check, r)]


def _matches(check: Callable[[Json], bool], record: Json) -> bool:
    try:
        return bool(check(record))
    except (KeyError, TypeError):
        return False


async def test_filters_answer_bad_values_with_400(client_a: httpx.AsyncClient) -> None:
    status = await client_a.get("/v1/customerinvoice", params={"status": "Dormant"})
    date = await client_a.get("/v1/salesorder", params={"lastModifiedDateTime": "yesterday"})

    assert status.status_code == 400
    assert date.status_code == 400


@pytest.mark.parametrize("tenant", TENANTS)
def test_invoice_balances_are_amounts_less_what_payments_applied(
    sim: Simulator, tenant: str
) -> None:
    book = sim.company(tenant).receivables
    applied: Counter[str] = Counter()
    for payment in book.payments:
        for line in payment["paymentLines"]:
            applied[line["refNbr"]] += cents(line["amountPaid"])
    invoices = {invoice["referenceNumber"]: invoice for invoice in book.invoices}

    assert set(applied) <= set(invoices)
    for invoice in book.invoices:
        if invoice["documentType"] == "CreditNote":
            continue
        left = cents(invoice["amountInCurrency"]) - applied[invoice["referenceNumber"]]
        assert cents(invoice["balanceInCurrency"]) == left
        assert (invoice["status"] == "Closed") == (left == 0)
    for payment in book.payments:
        paid_at = read_stamp(payment["lastModifiedDateTime"])
        for line in payment["paymentLines"]:
            invoice = invoices[line["refNbr"]]
            assert invoice["customer"] == payment["customer"]
            assert read_stamp(invoice["lastModifiedDateTime"]) >= paid_at


@pytest.mark.parametrize("tenant", TENANTS)
def test_balances_and_documents_follow_the_invoices_and_payments(
    sim: Simulator, tenant: str
) -> None:
    book = sim.company(tenant).receivables
    owed: Counter[str] = Counter()
    for invoice in book.invoices:
        sign = -1 if invoice["documentType"] == "CreditNote" else 1
        owed[invoice["customer"]["number"]] += sign * cents(invoice["balance"])

    assert {b["customer"]["number"]: cents(b["balance"]) for b in book.balances} == {
        c["number"]: owed[c["number"]] for c in book.customers
    }
    references = sorted(
        [i["referenceNumber"] for i in book.invoices] + [p["refNbr"] for p in book.payments]
    )
    assert [d["referenceNumber"] for d in book.documents] == references


@pytest.mark.parametrize("tenant", TENANTS)
def test_references_resolve_to_the_lookups(sim: Simulator, tenant: str) -> None:
    data = sim.company(tenant)
    book = data.receivables
    ledger = data.ledger

    def ids(name: str, key: str) -> set[str]:
        return {str(record[key]) for record in ledger[name]}

    customers = {c["number"]: c["name"] for c in book.customers}
    classes = {c["id"] for c in book.customer_classes}
    items = {i["inventoryNumber"] for i in data.purchasing.inventory}
    projects = {p["projectID"] for p in data.purchasing.projects}
    warehouses = {w["warehouseID"] for w in data.purchasing.warehouses}
    order_types = {t["orderType"] for t in book.order_types}
    for customer in book.customers:
        assert customer["currencyId"] in ids("currency", "id")
        assert customer["creditTerms"]["id"] in ids("creditTerm", "termsId")
        assert customer["defaultPaymentMethodId"] in ids("paymentMethod", "paymentMethodID")
        assert customer["vatZone"]["id"] in ids("vatZone", "id")
        assert customer["customerClass"]["id"] in classes
    for invoice in book.invoices:
        assert customers[invoice["customer"]["number"]] == invoice["customer"]["name"]
        assert invoice["branchNumber"]["number"] in ids("branch", "number")
        assert invoice["account"]["number"] in ids("account", "accountCD")
        if "project" in invoice:
            assert invoice["project"]["id"] in projects
        for line in invoice["invoiceLines"]:
            assert line["inventoryNumber"] in items
            assert line["vatCode"]["id"] in ids("vatCategory", "vatCategoryId")
            assert line["account"]["number"] in ids("account", "accountCD")
    for order in book.sales_orders:
        assert customers[order["customer"]["number"]] == order["customer"]["name"]
        assert order["orderType"] in order_types
        assert order["paymentMethod"]["id"] in ids("paymentMethod", "paymentMethodID")
        if "projectCD" in order:
            assert order["projectCD"] in projects
        for line in order["lines"]:
            assert line["inventory"]["number"] in items
            if "warehouse" in line:
                assert line["warehouse"]["id"] in warehouses
    for payment in book.payments:
        assert customers[payment["customer"]["number"]] == payment["customer"]["name"]
        assert payment["cashAccount"] in ids("cashAccount", "number")
    for project in data.purchasing.projects:
        assert customers[project["customer"]["number"]] == project["customer"]["name"]


@pytest.mark.parametrize("company", ["a", "b"])
async def test_fifty_customers_with_all_their_documents_take_few_bulk_reads(
    client_a: httpx.AsyncClient, client_b: httpx.AsyncClient, company: str
) -> None:
    client = client_a if company == "a" else client_b
    first = (await client.get("/v1/customer", params={"pageSize": 50})).json()
    wanted = {customer["number"] for customer in first}
    calls = 1
    found: dict[str, int] = {}
    for path in ("/v1/customerinvoice", "/v1/salesorder", "/v1/customerPayment"):
        items, used = await _all(client, path)
        calls += used
        found[path] = sum(item["customer"]["number"] in wanted for item in items)

    assert len(first) == 50
    assert calls <= 30
    assert all(count > 0 for count in found.values())
