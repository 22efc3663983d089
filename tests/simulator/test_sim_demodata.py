"""The demo books: size, shape, determinism and separation of the two companies."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from typing import Any

import httpx

from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, Simulator

ISO_Z_MILLIS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
ISO_OFFSET = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")
ISO_NAIVE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
MIDNIGHT = re.compile(r"\d{4}-\d\d-\d\dT00:00:00")

# Builds company A in a fresh interpreter and prints a digest of its records.
DIGEST_SCRIPT = """
import dataclasses, hashlib, json
from gateway.simulator.demodata import build_company
from gateway.simulator.demodata.profiles import COMPANY_A
data = build_company(COMPANY_A)
print(hashlib.sha256(json.dumps(dataclasses.asdict(data)).encode()).hexdigest())
"""


def test_data_is_identical_in_another_process_with_another_hash_seed(sim: Simulator) -> None:
    local = hashlib.sha256(json.dumps(dataclasses.asdict(sim.company(COMPANY_A_TENANT))).encode())
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}

    result = subprocess.run(
        [sys.executable, "-c", DIGEST_SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    )

    assert result.stdout.strip() == local.hexdigest()


def test_every_simulator_serves_the_same_data() -> None:
    first, second = Simulator(), Simulator()

    for tenant in (COMPANY_A_TENANT, COMPANY_B_TENANT):
        assert first.company(tenant) == second.company(tenant)


def test_sizes_and_skew(sim: Simulator) -> None:
    for tenant in (COMPANY_A_TENANT, COMPANY_B_TENANT):
        data = sim.company(tenant)
        per_supplier = Counter(i["supplier"]["number"] for i in data.invoices)
        counts = sorted((per_supplier[s["number"]] for s in data.suppliers), reverse=True)

        assert len(data.suppliers) >= 200
        assert len(data.invoices) >= 4000
        assert len(data.purchase_orders) >= 300
        assert len(data.payments) >= 250
        assert all(400 <= count <= 700 for count in counts[:3])
        assert sum(1 for count in counts if count <= 40) > len(counts) * 0.85
        assert 0 in counts


def test_the_companies_are_recognisably_different(sim: Simulator) -> None:
    a, b = sim.company(COMPANY_A_TENANT), sim.company(COMPANY_B_TENANT)

    assert (a.currency, b.currency) == ("NOK", "SEK")
    assert a.name != b.name
    assert not {s["number"] for s in a.suppliers} & {s["number"] for s in b.suppliers}
    assert not {i["referenceNumber"] for i in a.invoices} & {
        i["referenceNumber"] for i in b.invoices
    }
    assert not {o["orderNbr"] for o in a.purchase_orders} & {
        o["orderNbr"] for o in b.purchase_orders
    }
    assert "IMP/2024" in {s["number"] for s in a.suppliers}
    assert "EXT/77" in {s["number"] for s in b.suppliers}
    assert all(s["vatRegistrationId"].startswith(("NO", "SE", "DE")) for s in a.suppliers)


async def test_a_company_b_token_never_sees_company_a(
    sim: Simulator, client_b: httpx.AsyncClient
) -> None:
    a, b = sim.company(COMPANY_A_TENANT), sim.company(COMPANY_B_TENANT)

    suppliers = (await client_b.get("/v1/supplier")).json()
    invoices = (await client_b.get("/v1/supplierInvoice", params={"pageSize": 200})).json()
    a_supplier = await client_b.get(f"/v1/supplier/{a.suppliers[0]['number']}")
    a_invoice = await client_b.get(f"/v1/supplierInvoice/{a.invoices[0]['referenceNumber']}")

    assert [s["number"] for s in suppliers] == [s["number"] for s in b.suppliers]
    assert invoices[0]["metadata"]["totalCount"] == len(b.invoices)
    assert {i["currencyId"] for i in invoices} <= {"SEK", "NOK", "EUR"}
    assert a_supplier.status_code == 404
    assert a_invoice.status_code == 404


async def test_all_three_date_time_forms_are_served(client_a: httpx.AsyncClient) -> None:
    suppliers = (await client_a.get("/v1/supplier")).json()
    invoices = (await client_a.get("/v1/supplierInvoice", params={"pageSize": 300})).json()
    stamps = [s["lastModifiedDateTime"] for s in suppliers] + [
        i[key] for i in invoices for key in ("createdDateTime", "lastModifiedDateTime")
    ]

    assert any(ISO_Z_MILLIS.fullmatch(stamp) for stamp in stamps)
    assert any(ISO_OFFSET.fullmatch(stamp) for stamp in stamps)
    assert any(ISO_NAIVE.fullmatch(stamp) for stamp in stamps)
    assert all(
        ISO_Z_MILLIS.fullmatch(s) or ISO_OFFSET.fullmatch(s) or ISO_NAIVE.fullmatch(s)
        for s in stamps
    )


def test_document_dates_are_midnight_without_zone(sim: Simulator) -> None:
    data = sim.company(COMPANY_A_TENANT)
    dates = [i[key] for i in data.invoices for key in ("date", "dueDate")]
    dates += [o[key] for o in data.purchase_orders for key in ("date", "promisedOn")]
    dates += [p["applicationDate"] for p in data.payments]

    assert all(MIDNIGHT.fullmatch(value) for value in dates)


def _numbers(value: Any, key: str = "") -> list[tuple[str, float]]:
    if isinstance(value, dict):
        return [n for k, v in value.items() for n in _numbers(v, k)]
    if isinstance(value, list):
        return [n for item in value for n in _numbers(item, key)]
    if isinstance(value, float):
        return [(key, value)]
    return []


def test_money_has_at_most_two_decimals(sim: Simulator) -> None:
    data = sim.company(COMPANY_B_TENANT)
    records = data.invoices[::10] + data.purchase_orders + data.payments + data.supplier_balances

    odd = [
        (key, number)
        for key, number in _numbers(records)
        if key != "exchangeRate" and round(number, 2) != number
    ]

    assert odd == []


def test_documents_are_consistent(sim: Simulator) -> None:
    for tenant in (COMPANY_A_TENANT, COMPANY_B_TENANT):
        data = sim.company(tenant)
        suppliers = {s["number"]: s for s in data.suppliers}
        invoices = {i["referenceNumber"]: i for i in data.invoices}

        assert len(invoices) == len(data.invoices)
        assert all(re.fullmatch(r"\d{6}", number) for number in invoices)
        assert all(i["supplier"]["number"] in suppliers for i in data.invoices)
        assert all(o["supplier"]["number"] in suppliers for o in data.purchase_orders)
        assert all(i["balance"] == 0 for i in data.invoices if i["status"] == "Closed")
        for payment in data.payments:
            for line in payment["paymentLines"]:
                invoice = invoices[line["invoiceRefNbr"]]
                assert invoice["supplier"]["number"] == payment["supplier"]["number"]
                assert line["docType"] == invoice["documentType"]
