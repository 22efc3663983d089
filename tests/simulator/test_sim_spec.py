"""Served JSON follows Visma's OpenAPI document: field names, types and enum values.

The document is kept in the repository: ``spec/visma-erp-openapi.json`` (see ``spec/README.md``).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, Simulator

SPEC_PATH = Path(__file__).resolve().parents[2] / "spec" / "visma-erp-openapi.json"
DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}Z|[+-]\d\d:\d\d)?")


@cache
def schemas() -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    return dict(spec["components"]["schemas"])


def violations(value: Any, schema: dict[str, Any], where: str) -> list[str]:
    """Every place where ``value`` strays from ``schema`` (names, types, enums, formats)."""
    if "$ref" in schema:
        schema = schemas()[schema["$ref"].rsplit("/", 1)[-1]]
    if "properties" in schema:
        if not isinstance(value, dict):
            return [f"{where}: expected an object"]
        found: list[str] = []
        for key, item in value.items():
            if key not in schema["properties"]:
                found.append(f"{where}.{key}: not in the spec")
            else:
                found += violations(item, schema["properties"][key], f"{where}.{key}")
        return found
    kind = schema.get("type")
    if kind == "array":
        if not isinstance(value, list):
            return [f"{where}: expected an array"]
        return [
            v
            for i, item in enumerate(value)
            for v in violations(item, schema["items"], f"{where}[{i}]")
        ]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} not in {schema['enum']}"]
    return _scalar(value, kind, schema.get("format"), where)


def _scalar(value: Any, kind: str | None, fmt: str | None, where: str) -> list[str]:
    if kind == "string":
        if not isinstance(value, str):
            return [f"{where}: expected a string"]
        if fmt == "date-time" and not DATE_TIME.fullmatch(value):
            return [f"{where}: {value!r} is not one of Visma's date-time forms"]
        if fmt == "byte":
            try:
                base64.b64decode(value, validate=True)
            except binascii.Error:
                return [f"{where}: {value!r} is not base64"]
        return []
    if kind == "boolean":
        return [] if isinstance(value, bool) else [f"{where}: expected a boolean"]
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return [] if ok else [f"{where}: expected an integer"]
    if kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return [] if ok else [f"{where}: expected a number"]
    return [f"{where}: unchecked schema type {kind!r}"]


@pytest.mark.parametrize("tenant", [COMPANY_A_TENANT, COMPANY_B_TENANT])
def test_demo_records_follow_the_dto_schemas(sim: Simulator, tenant: str) -> None:
    data = sim.company(tenant)
    groups = [
        ("SupplierDto", data.suppliers),
        ("SupplierInvoiceDto", data.invoices[::5]),
        ("PurchaseOrderDto", data.purchase_orders),
        ("SupplierPaymentDto", data.payments),
        ("SupplierBalanceDto", data.supplier_balances),
        ("SupplierPOBalanceDto", data.po_balances),
        ("ProjectDto", data.purchasing.projects),
        ("TaskExtendedDto", data.purchasing.tasks),
        ("InventoryDto", data.purchasing.inventory),
        ("WarehouseDto", data.purchasing.warehouses),
        ("UnitOfMeasureDto", data.purchasing.units),
        ("ContactDto", data.purchasing.contacts),
        ("SupplierLocationDto", data.purchasing.locations),
        ("PurchaseReceiptDto", data.purchasing.receipts),
        ("SupplierDocumentDto", data.purchasing.documents[::5]),
    ]

    found = [
        problem
        for name, records in groups
        for index, record in enumerate(records)
        for problem in violations(record, {"$ref": f"#/{name}"}, f"{name}[{index}]")
    ]

    assert found == []


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        ("/v1/supplier", "SupplierDto"),
        ("/v1/supplierInvoice", "SupplierInvoiceDto"),
        ("/v1/purchaseorder", "PurchaseOrderDto"),
        ("/v1/supplierPayment", "SupplierPaymentDto"),
    ],
)
async def test_served_list_items_with_metadata_follow_the_schemas(
    client_a: httpx.AsyncClient, path: str, schema: str
) -> None:
    page = (await client_a.get(path, params={"pageSize": 40})).json()

    assert len(page) == 40
    assert [v for item in page for v in violations(item, {"$ref": f"#/{schema}"}, schema)] == []


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        ("/v1/project", "ProjectDto"),
        ("/v1/project/P24-102", "ProjectDto"),
        ("/v1/projecttask", "TaskExtendedDto"),
        ("/v1/projecttask/102", "TaskExtendedDto"),
        ("/v1/inventory", "InventoryDto"),
        ("/v1/inventory/GIPS-13", "InventoryDto"),
        ("/v1/warehouse", "WarehouseDto"),
        ("/v1/warehouse/HOVED", "WarehouseDto"),
        ("/v1/unitofmeasure", "UnitOfMeasureDto"),
        ("/v1/contact", "ContactDto"),
        ("/v1/contact/12012", "ContactDto"),
        ("/v1/supplier/10001/contact", "ContactDto"),
        ("/v1/supplierlocation", "SupplierLocationDto"),
        ("/v1/supplierlocation/10001", "SupplierLocationDto"),
        ("/v1/supplierlocation/10001/MAIN", "SupplierLocationDto"),
        ("/v1/PurchaseReceipt", "PurchaseReceiptDto"),
        ("/v1/PurchaseReceipt/PR000001", "PurchaseReceiptDto"),
        ("/v1/supplierdocument", "SupplierDocumentDto"),
        ("/v1/supplier/10001/document", "SupplierDocumentDto"),
    ],
)
async def test_served_purchasing_answers_follow_the_schemas(
    client_a: httpx.AsyncClient, path: str, schema: str
) -> None:
    response = await client_a.get(path, params={"pageSize": 200})
    answer = response.json()
    items = answer if isinstance(answer, list) else [answer]

    assert response.status_code == 200
    assert items
    assert [v for item in items for v in violations(item, {"$ref": f"#/{schema}"}, schema)] == []


def test_the_checker_notices_strays() -> None:
    record = {"number": 7, "status": "Dormant", "bogus": True, "mainAddress": {"city": 1}}

    found = violations(record, {"$ref": "#/SupplierDto"}, "s")

    assert sorted(found) == [
        "s.bogus: not in the spec",
        "s.mainAddress.city: expected a string",
        "s.number: expected a string",
        f"s.status: 'Dormant' not in {['Active', 'OnHold', 'HoldPayments', 'Inactive', 'OneTime']}",
    ]


LEDGER_ROUTES = [
    ("/v1/account", "/v1/account/4000", "AccountDto"),
    ("/v1/subaccount", "/v1/subaccount/100", "SubAccountDto"),
    ("/v1/cashaccount", "/v1/cashaccount/1920", "CashAccountDto"),
    ("/v1/branch", "/v1/branch/1", "BranchDto"),
    ("/v1/currency", "/v1/currency/EUR", "CurrencyDto"),
    ("/v1/paymentmethod", "/v1/paymentmethod/BANK", "PaymentMethodDto"),
    ("/v1/vatCategory", "/v1/vatCategory/1", "VatCategoryDto"),
    ("/v1/vatZone", "/v1/vatZone/UTL", "VatZoneDto"),
    ("/v1/country", "/v1/country/NO", "CountryDto"),
    ("/v1/financialPeriod", "/v1/financialPeriod/202602", "FinancialPeriodDto"),
    ("/v1/supplier/supplierClass", "/v1/supplier/supplierClass/UE", "SupplierClassDto"),
]


@pytest.mark.parametrize(("path", "record_path", "schema"), LEDGER_ROUTES)
async def test_ledger_lists_and_records_follow_the_schemas(
    client_a: httpx.AsyncClient, path: str, record_path: str, schema: str
) -> None:
    listed = (await client_a.get(path)).json()
    one = (await client_a.get(record_path)).json()
    list_schema = {"type": "array", "items": {"$ref": f"#/{schema}"}}

    assert listed
    assert violations(listed, list_schema, path) == []
    assert violations(one, {"$ref": f"#/{schema}"}, record_path) == []


@pytest.mark.parametrize("tenant", [COMPANY_A_TENANT, COMPANY_B_TENANT])
def test_ledger_setup_of_both_companies_follows_the_schemas(sim: Simulator, tenant: str) -> None:
    books = sim.company(tenant).ledger
    schema_of = {path.rsplit("/", 1)[-1].lower(): schema for path, _, schema in LEDGER_ROUTES}
    schema_of |= {"creditterm": "CreditTermDto"}

    found = [
        problem
        for name, records in books.items()
        for problem in violations(
            records, {"type": "array", "items": {"$ref": f"#/{schema_of[name.lower()]}"}}, name
        )
    ]

    assert sorted(name.lower() for name in books) == sorted(schema_of)
    assert found == []


async def test_credit_terms_answer_follows_the_pagination_schema(
    client_b: httpx.AsyncClient,
) -> None:
    body = (await client_b.get("/v1/creditTerm", params={"pageSize": 2})).json()

    assert len(body["records"]) == 2
    assert violations(body, {"$ref": "#/BasePaginationDtoOfCreditTermDto"}, "creditTerm") == []


@pytest.mark.parametrize("tenant", [COMPANY_A_TENANT, COMPANY_B_TENANT])
def test_receivable_records_of_both_companies_follow_the_schemas(
    sim: Simulator, tenant: str
) -> None:
    book = sim.company(tenant).receivables
    groups = [
        ("CustomerDto", book.customers),
        ("CustomerClassDto", book.customer_classes),
        ("ContactDto", book.contacts),
        ("CustomerInvoiceDto", book.invoices[::4]),
        ("PaymentDto", book.payments[::3]),
        ("SalesOrderTypeDto", book.order_types),
        ("SalesOrderDto", book.sales_orders[::3]),
        ("CustomerBalanceDto", book.balances),
        ("CustomerDocumentDto", book.documents[::4]),
    ]

    found = [
        problem
        for name, records in groups
        for index, record in enumerate(records)
        for problem in violations(record, {"$ref": f"#/{name}"}, f"{name}[{index}]")
    ]

    assert all(records for _, records in groups)
    assert found == []


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        ("/v1/customer", "CustomerDto"),
        ("/v1/customer/00001", "CustomerDto"),
        ("/v1/customer/customerClass", "CustomerClassDto"),
        ("/v1/customer/customerClass/BEDRIFT", "CustomerClassDto"),
        ("/v1/customer/balance", "CustomerBalanceDto"),
        ("/v1/customer/00001/balance", "CustomerBalanceDto"),
        ("/v1/customer/00001/contact", "ContactDto"),
        ("/v1/customer/00001/invoice", "CustomerInvoiceDto"),
        ("/v1/customer/00001/salesorder", "SalesOrderDto"),
        ("/v1/customer/00001/document", "CustomerDocumentDto"),
        ("/v1/customerinvoice", "CustomerInvoiceDto"),
        ("/v1/customerinvoice/700001", "CustomerInvoiceDto"),
        ("/v1/customerPayment", "PaymentDto"),
        ("/v1/customerPayment/900001", "PaymentDto"),
        ("/v1/salesordertype", "SalesOrderTypeDto"),
        ("/v1/salesorder", "SalesOrderDto"),
        ("/v1/salesorder/000001", "SalesOrderDto"),
        ("/v1/customerdocument", "CustomerDocumentDto"),
    ],
)
async def test_served_receivable_answers_follow_the_schemas(
    client_a: httpx.AsyncClient, path: str, schema: str
) -> None:
    response = await client_a.get(path, params={"pageSize": 200})
    answer = response.json()
    items = answer if isinstance(answer, list) else [answer]

    assert response.status_code == 200
    assert items
    assert [v for item in items for v in violations(item, {"$ref": f"#/{schema}"}, schema)] == []


async def test_balances_and_documents_written_by_receivable_writes_follow_the_schemas(
    client_a: httpx.AsyncClient,
) -> None:
    """A new customer's balance and the documents its new invoice and payment make."""
    posted = await client_a.post("/v1/customer", json={"name": {"value": "Nybygg AS"}})
    customer = posted.headers["location"].rsplit("/", 1)[-1]
    line = {"operation": "Insert", "quantity": {"value": 2}, "unitPriceInCurrency": {"value": 50}}
    invoiced = await client_a.post(
        "/v1/customerinvoice",
        json={"customerNumber": {"value": customer}, "invoiceLines": [line]},
    )
    invoice = invoiced.headers["location"].rsplit("/", 1)[-1]
    await client_a.post(f"/v1/customerinvoice/{invoice}/action/release")
    paid = await client_a.post(
        "/v1/customerPayment",
        json={
            "customer": {"value": customer},
            "paymentAmount": {"value": 200},
            "paymentLines": [
                {"operation": "Insert", "refNbr": {"value": invoice}, "amountPaid": {"value": 125}}
            ],
        },
    )
    payment = paid.headers["location"].rsplit("/", 1)[-1]
    await client_a.post(f"/v1/customerPayment/{payment}/action/release")

    balance = (await client_a.get(f"/v1/customer/{customer}/balance")).json()
    documents = (await client_a.get(f"/v1/customer/{customer}/document")).json()

    assert balance["balance"] == -75.0
    assert [(d["referenceNumber"], d["status"], d["balance"]) for d in documents] == [
        (invoice, "Closed", 0.0),
        (payment, "Open", 75.0),
    ]
    assert violations(balance, {"$ref": "#/CustomerBalanceDto"}, "balance") == []
    assert [
        v for d in documents for v in violations(d, {"$ref": "#/CustomerDocumentDto"}, "doc")
    ] == []
