"""Mutation payloads: expected failures as userErrors beside the other mutations' answers,
unexpected ones as top-level errors of their own field only."""

from __future__ import annotations

from typing import Any

from gateway.simulator import COMPANY_A_TENANT, FaultRule
from tests.conftest import Gateway

TWO_WRITES = """
mutation($first: CreateSupplierInput!, $second: UpdateSupplierInput!) {
  created: createSupplier(input: $first) {
    supplier { number name } version userErrors { code } clientMutationId
  }
  failed: updateSupplier(number: "NO-SUCH", input: $second) {
    supplier { number } userErrors { message field code } clientMutationId
  }
}"""


def posts(gateway: Gateway) -> list[tuple[str, int]]:
    return [(c.path, c.status) for c in gateway.calls() if c.method != "GET"]


async def test_a_failing_mutation_leaves_the_one_before_it_answered(gateway: Gateway) -> None:
    result = await gateway.query(
        TWO_WRITES,
        variables={
            "first": {"name": "Fjord Frakt AS", "clientMutationId": "c-1"},
            "second": {"note": "x", "clientMutationId": "c-2"},
        },
    )

    assert "errors" not in result, result
    created, failed = result["data"]["created"], result["data"]["failed"]
    assert created["supplier"] == {"number": "10263", "name": "Fjord Frakt AS"}
    assert created["userErrors"] == [] and created["clientMutationId"] == "c-1"
    assert created["version"]
    assert failed["supplier"] is None and failed["clientMutationId"] == "c-2"
    assert [(e["code"], e["field"]) for e in failed["userErrors"]] == [("NOT_FOUND", None)]
    assert posts(gateway) == [("/v1/supplier", 201), ("/v1/supplier/NO-SUCH", 404)]
    suppliers = gateway.sim.company(COMPANY_A_TENANT).suppliers
    assert [s["name"] for s in suppliers].count("Fjord Frakt AS") == 1


async def test_an_upstream_failure_is_top_level_and_only_nulls_its_own_field(
    gateway: Gateway,
) -> None:
    gateway.sim.add_fault(FaultRule(r"/v1/supplier/10015$", status=503, method="PUT"))

    result = await gateway.query(
        TWO_WRITES.replace('"NO-SUCH"', '"10015"'),
        variables={"first": {"name": "Fjord Frakt AS"}, "second": {"note": "x"}},
    )

    assert result["data"]["created"]["supplier"]["number"] == "10263"
    assert result["data"]["failed"] is None
    [error] = result["errors"]
    assert (error["path"], error["extensions"]["code"]) == (["failed"], "UPSTREAM_ERROR")


async def test_an_action_echoes_its_client_mutation_id_and_reports_a_missing_record(
    gateway: Gateway,
) -> None:
    result = await gateway.query(
        """mutation { releaseSupplierInvoice(documentType: INVOICE, referenceNumber: "999999",
             clientMutationId: "r-1") {
               supplierInvoice { status } userErrors { code } clientMutationId } }"""
    )

    payload: dict[str, Any] = result["data"]["releaseSupplierInvoice"]
    assert payload == {
        "supplierInvoice": None,
        "userErrors": [{"code": "NOT_FOUND"}],
        "clientMutationId": "r-1",
    }
