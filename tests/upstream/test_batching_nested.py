"""Contacts and ledger documents nested under suppliers and customers: the records each parent
gets and the planner's per-parent or bulk reads, counted from the simulator's record of calls."""

from __future__ import annotations

import math
from typing import Any

import pytest

from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, SimulatorConfig
from gateway.simulator.filters import Record
from schema.generated.enums import CustomerDocumentDocumentType, SupplierDocumentDocumentType
from tests.conftest import TOKEN_B, Gateway

SUPPLIERS = """
{ suppliers(first: 20) { nodes { number
    contacts(first: 10) { totalCount nodes { contactId businessAccount displayName } }
    documents(first: 20) { totalCount nodes { documentType referenceNumber supplier { number } } }
} } }
"""
CUSTOMERS = """
{ customers(first: 20) { nodes { number
    contacts(first: 10) { totalCount nodes { contactId businessAccount displayName } }
    documents(first: 20) { totalCount nodes { documentType referenceNumber customer { number } } }
} } }
"""


def calls_to(gateway: Gateway, path: str) -> list[dict[str, str]]:
    return [c.params for c in gateway.calls() if c.path.lower() == path]


def contacts_of(contacts: list[Record], number: str) -> list[int]:
    return [c["contactId"] for c in contacts if c["businessAccount"] == number]


DOCUMENT_TYPES = {
    "supplier": SupplierDocumentDocumentType,
    "customer": CustomerDocumentDocumentType,
}


def documents_of(documents: list[Record], side: str, number: str) -> list[list[str]]:
    """Keys of ``number``'s documents, the type as the GraphQL enum names Visma's value."""
    kind = DOCUMENT_TYPES[side]
    return [
        [kind(d["documentType"]).name, d["referenceNumber"]]
        for d in documents
        if d[side]["number"] == number
    ]


def check_nodes(
    nodes: list[dict[str, Any]], contacts: list[Record], documents: list[Record], side: str
) -> None:
    for node in nodes:
        mine = contacts_of(contacts, node["number"])
        assert node["contacts"]["totalCount"] == len(mine)
        assert [c["contactId"] for c in node["contacts"]["nodes"]] == mine[:10]
        assert {c["businessAccount"] for c in node["contacts"]["nodes"]} <= {node["number"]}
        docs = documents_of(documents, side, node["number"])
        assert node["documents"]["totalCount"] == len(docs)
        got = node["documents"]["nodes"]
        assert [[d["documentType"], d["referenceNumber"]] for d in got] == docs[:20]
        assert {d[side]["number"] for d in got} <= {node["number"]}


async def test_one_supplier_reads_its_contacts_and_documents_filtered_by_it(
    gateway: Gateway,
) -> None:
    result = await gateway.query(
        """{ supplier(number: "10001") { number
             contacts(first: 10) { totalCount nodes { contactId businessAccount displayName } }
             documents(first: 20) {
               totalCount nodes { documentType referenceNumber supplier { number } } } } }"""
    )

    assert "errors" not in result, result
    company = gateway.sim.company(COMPANY_A_TENANT)
    node = result["data"]["supplier"]
    check_nodes([node], company.contacts, company.purchasing.documents, "supplier")
    assert node["contacts"]["nodes"] and node["documents"]["nodes"]
    assert calls_to(gateway, "/v1/contact") == [{"businessAccount": "10001"}]
    documents = calls_to(gateway, "/v1/supplierdocument")
    assert [d["supplier"] for d in documents] == ["10001"]


async def test_a_page_of_suppliers_reads_contacts_once_and_documents_in_bulk(
    gateway: Gateway,
) -> None:
    result = await gateway.query(SUPPLIERS)

    assert "errors" not in result, result
    company = gateway.sim.company(COMPANY_A_TENANT)
    nodes = result["data"]["suppliers"]["nodes"]
    check_nodes(nodes, company.contacts, company.purchasing.documents, "supplier")
    # Contacts are answered whole: one call for every supplier instead of one each.
    assert calls_to(gateway, "/v1/contact") == [{}]
    documents = calls_to(gateway, "/v1/supplierdocument")
    pages = math.ceil(len(company.purchasing.documents) / gateway.sim.config.max_page_size)
    assert all("supplier" not in params for params in documents)
    assert len(documents) == pages
    upstream = result["extensions"]["upstream"]
    assert upstream["calls"] == len(gateway.calls()) == 1 + 1 + pages
    assert upstream["estimatedCalls"] >= upstream["calls"]


async def test_a_page_of_customers_reads_contacts_once_and_documents_in_bulk(
    gateway: Gateway,
) -> None:
    result = await gateway.query(CUSTOMERS)

    assert "errors" not in result, result
    company = gateway.sim.company(COMPANY_A_TENANT)
    nodes = result["data"]["customers"]["nodes"]
    check_nodes(nodes, company.contacts, company.receivables.documents, "customer")
    assert all(n["contacts"]["nodes"] for n in nodes)
    assert calls_to(gateway, "/v1/contact") == [{}]
    documents = calls_to(gateway, "/v1/customerdocument")
    pages = math.ceil(len(company.receivables.documents) / gateway.sim.config.max_page_size)
    assert all("customer" not in params for params in documents)
    assert len(documents) == pages
    assert result["extensions"]["upstream"]["calls"] == 1 + 1 + pages


async def test_suppliers_and_customers_share_one_read_of_the_contacts(gateway: Gateway) -> None:
    result = await gateway.query(
        """{ suppliers(first: 5) { nodes { number contacts { nodes { contactId } } } }
             customers(first: 5) { nodes { number contacts { nodes { contactId } } } } }"""
    )

    assert "errors" not in result, result
    contacts = gateway.sim.company(COMPANY_A_TENANT).contacts
    for side in ("suppliers", "customers"):
        for node in result["data"][side]["nodes"]:
            got = [c["contactId"] for c in node["contacts"]["nodes"]]
            assert got == contacts_of(contacts, node["number"])[:20]
    assert calls_to(gateway, "/v1/contact") == [{}]


@pytest.mark.parametrize("sim_config", [SimulatorConfig(max_page_size=100)])
async def test_documents_are_read_per_parent_when_the_whole_list_is_longer(
    gateway: Gateway,
) -> None:
    """With small pages the whole document lists cost more calls than one per parent: one
    probe of each list, then a filtered call per supplier and per customer."""
    suppliers = await gateway.query(SUPPLIERS)
    customers = await gateway.query(CUSTOMERS)

    assert "errors" not in suppliers and "errors" not in customers
    company = gateway.sim.company(COMPANY_A_TENANT)
    check_nodes(
        suppliers["data"]["suppliers"]["nodes"],
        company.contacts,
        company.purchasing.documents,
        "supplier",
    )
    check_nodes(
        customers["data"]["customers"]["nodes"],
        company.contacts,
        company.receivables.documents,
        "customer",
    )
    for path, param, side in (
        ("/v1/supplierdocument", "supplier", "suppliers"),
        ("/v1/customerdocument", "customer", "customers"),
    ):
        calls = calls_to(gateway, path)
        numbers = [
            n["number"]
            for n in (suppliers if side == "suppliers" else customers)["data"][side]["nodes"]
        ]
        assert sorted(c[param] for c in calls if param in c) == sorted(numbers)
        assert len([c for c in calls if param not in c]) == 1  # the probe
    # Contacts are one call whatever the page size: Visma answers them whole.
    assert calls_to(gateway, "/v1/contact") == [{}]


async def test_company_b_gets_only_its_contacts_and_documents(gateway: Gateway) -> None:
    await gateway.query(CUSTOMERS)
    gateway.sim.reset_calls()

    result = await gateway.query(CUSTOMERS, token=TOKEN_B)

    assert "errors" not in result, result
    assert gateway.calls() and {c.authorization for c in gateway.calls()} == {f"Bearer {TOKEN_B}"}
    company_b = gateway.sim.company(COMPANY_B_TENANT)
    company_a = gateway.sim.company(COMPANY_A_TENANT)
    nodes = result["data"]["customers"]["nodes"]
    check_nodes(nodes, company_b.contacts, company_b.receivables.documents, "customer")
    a_only = {c["contactId"] for c in company_a.contacts} - {
        c["contactId"] for c in company_b.contacts
    }
    seen = {c["contactId"] for n in nodes for c in n["contacts"]["nodes"]}
    assert seen and not seen & a_only
