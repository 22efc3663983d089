"""List filters: each family, conditions, enum checks and the rules for paired parameters.

Expectations are computed from the demo data with the test's own logic, then compared with
what the simulator serves over HTTP.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from gateway.simulator import COMPANY_A_TENANT, CompanyData, Simulator

Record = dict[str, Any]

KEYS = {
    "/v1/supplier": "number",
    "/v1/supplierInvoice": "referenceNumber",
    "/v1/purchaseorder": "orderNbr",
    "/v1/supplierPayment": "refNbr",
}
COLLECTIONS: dict[str, Callable[[CompanyData], list[Record]]] = {
    "/v1/supplier": lambda data: data.suppliers,
    "/v1/supplierInvoice": lambda data: data.invoices,
    "/v1/purchaseorder": lambda data: data.purchase_orders,
    "/v1/supplierPayment": lambda data: data.payments,
}


DATA = Simulator().company(COMPANY_A_TENANT)
# The three suppliers with most invoices, whatever the generator made of them.
BIG, SECOND, THIRD = (
    number for number, _ in Counter(i["supplier"]["number"] for i in DATA.invoices).most_common(3)
)


def instant(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


async def fetch_all(client: httpx.AsyncClient, path: str, params: dict[str, str]) -> list[Record]:
    items: list[Record] = []
    number = 1
    while True:
        response = await client.get(path, params={**params, "pageNumber": str(number)})
        assert response.status_code == 200, response.text
        page: list[Record] = response.json()
        items += page
        if len(page) < 1000:
            return items
        number += 1


CASES: list[tuple[str, dict[str, str], Callable[[Record], bool]]] = [
    ("/v1/supplier", {"name": "BETONG"}, lambda r: "betong" in r["name"].lower()),
    ("/v1/supplier", {"status": "Inactive"}, lambda r: r["status"] == "Inactive"),
    ("/v1/supplier", {"status": "onhold"}, lambda r: r["status"] == "OnHold"),
    ("/v1/supplier", {"greaterThanValue": "10200"}, lambda r: r["number"] > "10200"),
    (
        "/v1/supplier",
        {"lastModifiedDateTime": "2025-06-01", "lastModifiedDateTimeCondition": ">="},
        lambda r: instant(r["lastModifiedDateTime"]) >= utc("2025-06-01"),
    ),
    ("/v1/supplierInvoice", {"supplier": BIG}, lambda r: r["supplier"]["number"] == BIG),
    (
        "/v1/supplierInvoice",
        {"documentType": "CreditAdj"},
        lambda r: r["documentType"] == "CreditAdj",
    ),
    ("/v1/supplierInvoice", {"documentType": "Refund"}, lambda r: False),
    ("/v1/supplierInvoice", {"status": "Open"}, lambda r: r["status"] == "Open"),
    ("/v1/supplierInvoice", {"released": "0"}, lambda r: r["status"] in ("Hold", "Balanced")),
    (
        "/v1/supplierInvoice",
        {"released": "1", "supplier": SECOND},
        lambda r: r["status"] not in ("Hold", "Balanced") and r["supplier"]["number"] == SECOND,
    ),
    (
        "/v1/supplierInvoice",
        {"project": "P25-202"},
        lambda r: any(line.get("project", {}).get("id") == "P25-202" for line in r["invoiceLines"]),
    ),
    ("/v1/supplierInvoice", {"branch": "2"}, lambda r: r["branchNumber"]["number"] == "2"),
    (
        "/v1/supplierInvoice",
        {"financialPeriod": "202501"},
        lambda r: r["financialPeriod"] == "202501",
    ),
    (
        "/v1/supplierInvoice",
        {"dueDate": "2024-03-01", "dueDateCondition": "<"},
        lambda r: instant(r["dueDate"]) < utc("2024-03-01"),
    ),
    (
        "/v1/supplierInvoice",
        {"docDate": "2026-03-02", "docDateCondition": ">="},
        lambda r: instant(r["date"]) >= utc("2026-03-02"),
    ),
    (
        "/v1/supplierInvoice",
        {"balance": "100000", "balanceCondition": ">"},
        lambda r: r["balance"] > 100000,
    ),
    (
        "/v1/supplierInvoice",
        {"createdDateTime": "2026-02-15 12:00:00", "createdDateTimeCondition": ">="},
        lambda r: instant(r["createdDateTime"]) >= utc("2026-02-15T12:00:00"),
    ),
    (
        "/v1/supplierInvoice",
        {"supplier": THIRD, "status": "Closed", "greaterThanValue": "103000"},
        lambda r: (
            r["supplier"]["number"] == THIRD
            and r["status"] == "Closed"
            and r["referenceNumber"] > "103000"
        ),
    ),
    ("/v1/purchaseorder", {"orderStatus": "Closed"}, lambda r: r["status"] == "Closed"),
    ("/v1/purchaseorder", {"status": "Closed"}, lambda r: True),  # not a filter here
    ("/v1/purchaseorder", {"orderType": "DropShip"}, lambda r: r["orderType"] == "DropShip"),
    ("/v1/purchaseorder", {"branch": "3"}, lambda r: r["branch"]["number"] == "3"),
    (
        "/v1/purchaseorder",
        {"orderDate": "2025-12-31T23:59:59.999", "orderDateCondition": ">"},
        lambda r: instant(r["date"]) > utc("2025-12-31T23:59:59.999"),
    ),
    (
        "/v1/purchaseorder",
        {"deliveryDate": "2024-06-01", "deliveryDateCondition": "<="},
        lambda r: instant(r["promisedOn"]) <= utc("2024-06-01"),
    ),
    ("/v1/purchaseorder", {"greaterThanValue": "PO000400"}, lambda r: r["orderNbr"] > "PO000400"),
    ("/v1/supplierPayment", {"paymentType": "Prepayment"}, lambda r: r["type"] == "Prepayment"),
    ("/v1/supplierPayment", {"status": "Closed"}, lambda r: r["status"] == "Closed"),
    ("/v1/supplierPayment", {"branch": "1"}, lambda r: r["branch"] == "1"),
    (
        "/v1/supplierPayment",
        {"financialPeriod": "202502"},
        lambda r: r["applicationPeriod"] == "202502",
    ),
    (
        "/v1/supplierPayment",
        {"docDate": "2025-01-01", "docDateCondition": "<"},
        lambda r: instant(r["applicationDate"]) < utc("2025-01-01"),
    ),
    (
        "/v1/supplierPayment",
        {"dueDate": "2026-03-01", "dueDateCondition": ">="},
        lambda r: any(instant(line["dueDate"]) >= utc("2026-03-01") for line in r["paymentLines"]),
    ),
    (
        "/v1/supplierPayment",
        {"balance": "0", "balanceCondition": ">"},
        lambda r: r["balance"] > 0,
    ),
]


@pytest.mark.parametrize(("path", "params", "expected"), CASES)
async def test_filter_matches_own_computation(
    sim: Simulator,
    client_a: httpx.AsyncClient,
    path: str,
    params: dict[str, str],
    expected: Callable[[Record], bool],
) -> None:
    records = COLLECTIONS[path](sim.company(COMPANY_A_TENANT))
    key = KEYS[path]
    wanted = [r[key] for r in records if expected(r)]

    served = await fetch_all(client_a, path, params)

    assert [r[key] for r in served] == wanted
    if served:
        assert served[0]["metadata"]["totalCount"] == len(wanted)


async def test_every_filter_case_selects_something_and_not_everything(sim: Simulator) -> None:
    data = sim.company(COMPANY_A_TENANT)
    for path, params, expected in CASES:
        records = COLLECTIONS[path](data)
        count = sum(1 for r in records if expected(r))
        if params in ({"documentType": "Refund"}, {"status": "Closed"}):
            continue
        assert 0 < count < len(records), (path, params)


async def test_exact_identity_filters(sim: Simulator, client_a: httpx.AsyncClient) -> None:
    supplier = sim.company(COMPANY_A_TENANT).suppliers[17]

    by_vat = await client_a.get(
        "/v1/supplier", params={"vatRegistrationId": supplier["vatRegistrationId"]}
    )
    by_corporate = await client_a.get(
        "/v1/supplier", params={"corporateId": supplier["corporateId"]}
    )

    assert [s["number"] for s in by_vat.json()] == [supplier["number"]]
    assert [s["number"] for s in by_corporate.json()] == [supplier["number"]]


async def test_payment_filter_by_invoice_reference(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    payment = next(p for p in sim.company(COMPANY_A_TENANT).payments if len(p["paymentLines"]) > 1)
    reference = payment["paymentLines"][-1]["invoiceRefNbr"]

    response = await client_a.get("/v1/supplierPayment", params={"invoiceRefNbr": reference})

    assert [p["refNbr"] for p in response.json()] == [payment["refNbr"]]


async def test_offsets_are_normalised_to_utc_before_comparing(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    # A record written with +01:00/+02:00 must compare by its UTC instant.
    record = next(
        r for r in sim.company(COMPANY_A_TENANT).invoices if "+0" in r["lastModifiedDateTime"]
    )
    moment = instant(record["lastModifiedDateTime"]).strftime("%Y-%m-%dT%H:%M:%S")
    base = {"supplier": record["supplier"]["number"], "lastModifiedDateTime": moment}

    at_or_before = await fetch_all(
        client_a, "/v1/supplierInvoice", {**base, "lastModifiedDateTimeCondition": "<="}
    )
    before = await fetch_all(
        client_a, "/v1/supplierInvoice", {**base, "lastModifiedDateTimeCondition": "<"}
    )

    assert record["referenceNumber"] in {r["referenceNumber"] for r in at_or_before}
    assert record["referenceNumber"] not in {r["referenceNumber"] for r in before}


async def test_supplier_invoice_sub_resource_filters_like_the_list(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    expected = [
        i["referenceNumber"]
        for i in sim.company(COMPANY_A_TENANT).invoices
        if i["supplier"]["number"] == THIRD and i["status"] == "Closed"
    ]

    served = await fetch_all(
        client_a, f"/v1/supplier/{THIRD}/invoice", {"status": "Closed", "supplier": BIG}
    )

    assert [i["referenceNumber"] for i in served] == expected


async def test_balance_lists_filter_by_number_and_modification(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    params = {
        "greaterThanValue": "10100",
        "lastModifiedDateTime": "2025-01-01",
        "lastModifiedDateTimeCondition": ">",
    }
    expected = [
        s["number"]
        for s in sim.company(COMPANY_A_TENANT).suppliers
        if s["number"] > "10100" and instant(s["lastModifiedDateTime"]) > utc("2025-01-01")
    ]

    balances = await client_a.get("/v1/supplier/balance", params=params)
    po_balances = await client_a.get("/v1/supplier/POBalance", params=params)

    assert [b["supplier"]["number"] for b in balances.json()] == expected
    assert [b["supplier"]["number"] for b in po_balances.json()] == expected


@pytest.mark.parametrize(
    ("path", "params", "mentions"),
    [
        ("/v1/supplierInvoice", {"dueDate": "2025-01-01"}, "dueDateCondition"),
        ("/v1/supplierInvoice", {"dueDateCondition": ">"}, "dueDateCondition"),
        ("/v1/supplier", {"lastModifiedDateTimeCondition": "<"}, "lastModifiedDateTime"),
        ("/v1/supplierPayment", {"balance": "10"}, "balanceCondition"),
        ("/v1/purchaseorder", {"deliveryDate": "2025-01-01", "deliveryDateCondition": "="}, "="),
        ("/v1/purchaseorder", {"orderDate": "01.02.2025", "orderDateCondition": ">"}, "01.02.2025"),
        ("/v1/supplierInvoice", {"docDate": "2025-13-01", "docDateCondition": ">"}, "2025-13-01"),
        ("/v1/supplierInvoice", {"balance": "lots", "balanceCondition": ">"}, "lots"),
        ("/v1/supplierInvoice", {"released": "2"}, "released"),
        ("/v1/supplierInvoice", {"documentType": "Bill"}, "CreditAdj"),
        ("/v1/supplier", {"status": "Sleeping"}, "HoldPayments"),
        ("/v1/purchaseorder", {"orderStatus": "Done"}, "Cancelled"),
        ("/v1/supplierPayment", {"paymentType": "Cheque"}, "VoidPayment"),
    ],
)
async def test_invalid_filters_are_bad_requests(
    client_a: httpx.AsyncClient, path: str, params: dict[str, str], mentions: str
) -> None:
    response = await client_a.get(path, params=params)

    assert response.status_code == 400
    message = response.json()["message"]
    assert message.startswith("VismaId: ")
    assert mentions in message


async def test_unknown_parameters_and_empty_values_are_ignored(
    sim: Simulator, client_a: httpx.AsyncClient
) -> None:
    response = await client_a.get(
        "/v1/supplier", params={"expandNote": "true", "orderBy": "name", "status": ""}
    )

    assert len(response.json()) == len(sim.company(COMPANY_A_TENANT).suppliers)
