"""The references of the payables records (supplier, supplier invoice, purchase order,
supplier payment) as edges, end to end against the simulator: each resolves to the full
record Visma.net keeps under that key, every line's in one read, and what Visma sent inline
answers without a call."""

from __future__ import annotations

from typing import Any

from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway

Record = dict[str, Any]


def _ledger(gateway: Gateway, kind: str, key: str) -> dict[str, Record]:
    return {r[key]: r for r in gateway.sim.company(COMPANY_A_TENANT).ledger[kind]}


async def test_a_supplier_names_its_class_terms_method_and_zone_in_full(gateway: Gateway) -> None:
    supplier = gateway.sim.company(COMPANY_A_TENANT).suppliers[0]

    result = await gateway.query(
        """query($n: String!) { supplier(number: $n) {
             supplierClass { vismaId paymentMethodId }
             creditTerms { termsId dueDateType dueDay1 }
             paymentMethod { paymentMethodID meansOfPayment }
             vatZone { id vismaId }
             location { locationId locationName vatRegistrationId } } }""",
        variables={"n": supplier["number"]},
    )

    assert "errors" not in result, result
    data = result["data"]["supplier"]
    supplier_class = _ledger(gateway, "supplierClass", "id")[supplier["supplierClass"]["id"]]
    assert data["supplierClass"] == {
        "vismaId": supplier_class["id"],
        "paymentMethodId": supplier_class["paymentMethodId"],
    }
    terms = _ledger(gateway, "creditTerm", "termsId")[supplier["creditTerms"]["id"]]
    assert data["creditTerms"]["dueDay1"] == terms["dueDay1"]
    method = _ledger(gateway, "paymentMethod", "paymentMethodID")[supplier["paymentMethod"]["id"]]
    assert data["paymentMethod"]["paymentMethodID"] == method["paymentMethodID"]
    assert data["vatZone"]["vismaId"] == supplier["vatZone"]["id"]
    location = next(
        loc
        for loc in gateway.sim.company(COMPANY_A_TENANT).purchasing.locations
        if loc["baccount"]["number"] == supplier["number"]
        and loc["locationId"] == supplier["location"]["id"]
    )
    assert data["location"]["vatRegistrationId"] == location["vatRegistrationId"]
    # Each reference read from the resource Visma keeps it in, none from the supplier's path.
    paths = {call.path for call in gateway.calls()}
    assert f"/v1/supplier/supplierClass/{supplier_class['id']}" in paths
    assert f"/v1/paymentmethod/{method['paymentMethodID']}" in paths
    assert f"/v1/supplierlocation/{supplier['number']}/{location['locationId']}" in paths


async def test_an_invoice_lines_accounts_and_vat_codes_are_read_once_for_all_lines(
    gateway: Gateway,
) -> None:
    invoices = gateway.sim.company(COMPANY_A_TENANT).invoices[:5]
    accounts = _ledger(gateway, "account", "accountCD")
    categories = _ledger(gateway, "vatCategory", "vatCategoryId")

    result = await gateway.query(
        """{ supplierInvoices(first: 5) { nodes { referenceNumber
             lines { account { accountCD accountClass } vatCode { vatCategoryId active } } } } }"""
    )

    assert "errors" not in result, result
    lines = [line for n in result["data"]["supplierInvoices"]["nodes"] for line in n["lines"]]
    expected = [line for invoice in invoices for line in invoice["invoiceLines"]]
    assert [line["account"]["accountCD"] for line in lines] == [
        line["account"]["number"] for line in expected
    ]
    for line in lines:
        assert (
            line["account"]["accountClass"]
            == accounts[line["account"]["accountCD"]]["accountClass"]
        )
        assert line["vatCode"]["active"] == categories[line["vatCode"]["vatCategoryId"]]["active"]
    distinct = {line["account"]["number"] for line in expected} | {
        line["vatCode"]["id"] for line in expected
    }
    calls = [call.path for call in gateway.calls()]
    # The page of invoices, then the accounts and VAT categories in reads that never go
    # line by line.
    assert calls[0] == "/v1/supplierInvoice"
    assert len(calls) - 1 <= len(distinct)
    assert len(calls) - 1 < len(expected)


async def test_what_an_order_sent_inline_costs_no_call(gateway: Gateway) -> None:
    order = gateway.sim.company(COMPANY_A_TENANT).purchase_orders[0]

    result = await gateway.query(
        """query($n: String!) { purchaseOrder(number: $n) {
             terms { termsId description } branch { number name }
             lines { inventory { inventoryNumber description } warehouse { warehouseID }
                     account { accountCD description type } taxCategory { vatCategoryId } } } }""",
        variables={"n": order["orderNbr"]},
    )

    assert "errors" not in result, result
    data = result["data"]["purchaseOrder"]
    assert data["terms"] == {
        "termsId": order["terms"]["id"],
        "description": order["terms"]["description"],
    }
    assert data["branch"] == order["branch"]
    assert data["lines"][0] == {
        "inventory": {
            "inventoryNumber": order["lines"][0]["inventory"]["number"],
            "description": order["lines"][0]["inventory"]["description"],
        },
        "warehouse": {"warehouseID": order["lines"][0]["warehouse"]["id"]},
        "account": {
            "accountCD": order["lines"][0]["account"]["number"],
            "description": order["lines"][0]["account"]["description"],
            "type": order["lines"][0]["account"]["type"].upper(),
        },
        "taxCategory": {"vatCategoryId": order["lines"][0]["taxCategory"]["number"]},
    }
    assert [call.path for call in gateway.calls()] == [f"/v1/purchaseorder/{order['orderNbr']}"]


async def test_a_payment_names_its_currency_in_full(gateway: Gateway) -> None:
    payment = next(
        p for p in gateway.sim.company(COMPANY_A_TENANT).payments if p["currency"]["id"] != "NOK"
    )

    result = await gateway.query(
        """query($n: String!) { supplierPayment(number: $n) {
             currency { id vismaId description } } }""",
        variables={"n": payment["refNbr"]},
    )

    assert "errors" not in result, result
    currency = result["data"]["supplierPayment"]["currency"]
    assert (currency["vismaId"], currency["description"]) == (
        payment["currency"]["id"],
        payment["currency"]["description"],
    )
    node = await gateway.query(
        "query($id: ID!) { node(id: $id) { ... on LedgerCurrency { vismaId } } }",
        variables={"id": currency["id"]},
    )
    assert node["data"]["node"] == {"vismaId": payment["currency"]["id"]}


async def test_a_suppliers_main_contact_reads_its_contact_record(gateway: Gateway) -> None:
    company = gateway.sim.company(COMPANY_A_TENANT)
    supplier = company.suppliers[2]
    contact = next(
        c for c in company.contacts if c["contactId"] == supplier["mainContact"]["contactId"]
    )

    result = await gateway.query(
        """query($n: String!) { supplier(number: $n) { mainContact { name }
             mainContactPerson { contactId firstName lastName businessAccount } } }""",
        variables={"n": supplier["number"]},
    )

    assert "errors" not in result, result
    data = result["data"]["supplier"]
    assert data["mainContact"] == {"name": supplier["mainContact"]["name"]}
    assert data["mainContactPerson"] == {
        "contactId": contact["contactId"],
        "firstName": contact["firstName"],
        "lastName": contact["lastName"],
        "businessAccount": supplier["number"],
    }
    assert f"/v1/contact/{contact['contactId']}" in [call.path for call in gateway.calls()]
