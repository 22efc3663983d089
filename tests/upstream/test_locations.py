"""Created ids from every shape of ``Location`` the simulator answers with, and from the
input's own id when there is none; a successful write never answers as a failed one."""

from __future__ import annotations

import pytest

from gateway.simulator import COMPANY_A_TENANT, FaultRule
from gateway.simulator.locations import SHAPES
from tests.conftest import Gateway

CREATE_SUPPLIER = """mutation($input: CreateSupplierInput!) {
  createSupplier(input: $input) { supplier { number name } userErrors { code } } }"""
CREATE_INVOICE = """mutation($input: CreateSupplierInvoiceInput!) {
  createSupplierInvoice(input: $input) {
  supplierInvoice { documentType referenceNumber } } }"""


def reads(gateway: Gateway) -> list[str]:
    return [c.path for c in gateway.calls() if c.method == "GET"]


@pytest.mark.parametrize("shape", [s for s in SHAPES if s != "omit"])
async def test_every_location_shape_names_the_created_record(gateway: Gateway, shape: str) -> None:
    gateway.sim.config.location_shapes = (shape,)

    supplier = await gateway.query(CREATE_SUPPLIER, variables={"input": {"name": "Ny AS"}})
    invoice = await gateway.query(
        CREATE_INVOICE,
        variables={"input": {"supplierNumber": "10015", "documentType": "CREDIT_ADJ"}},
    )

    assert supplier["data"]["createSupplier"]["supplier"] == {"number": "10263", "name": "Ny AS"}
    assert invoice["data"]["createSupplierInvoice"]["supplierInvoice"] == {
        "documentType": "CREDIT_ADJ",
        "referenceNumber": "106001",
    }
    assert reads(gateway) == ["/v1/supplier/10263", "/v1/supplierInvoice/CreditAdj/106001"]


async def test_shapes_are_used_in_turn(gateway: Gateway) -> None:
    gateway.sim.config.location_shapes = ("relative", "casing")

    for name in ("A AS", "B AS", "C AS"):
        result = await gateway.query(CREATE_SUPPLIER, variables={"input": {"name": name}})
        assert result["data"]["createSupplier"]["supplier"]["name"] == name

    assert reads(gateway) == ["/v1/supplier/10263", "/v1/supplier/10264", "/v1/supplier/10265"]


async def test_without_location_the_given_number_is_read_back(gateway: Gateway) -> None:
    gateway.sim.config.location_shapes = ("omit",)

    result = await gateway.query(
        CREATE_SUPPLIER, variables={"input": {"name": "Ny AS", "number": "N-1"}}
    )

    assert result["data"]["createSupplier"]["supplier"] == {"number": "N-1", "name": "Ny AS"}


async def test_without_location_or_number_the_error_says_it_was_written(gateway: Gateway) -> None:
    gateway.sim.config.location_shapes = ("omit",)

    result = await gateway.query(CREATE_SUPPLIER, variables={"input": {"name": "Ny AS"}})

    [error] = result["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_ERROR"
    assert error["extensions"]["written"] is True
    names = [s["name"] for s in gateway.sim.company(COMPANY_A_TENANT).suppliers]
    assert names.count("Ny AS") == 1


async def test_a_failed_read_back_is_no_user_error_but_says_it_was_written(
    gateway: Gateway,
) -> None:
    gateway.sim.add_fault(FaultRule(r"/v1/supplier/10263$", status=404, method="GET"))

    result = await gateway.query(CREATE_SUPPLIER, variables={"input": {"name": "Ny AS"}})

    assert result["data"]["createSupplier"] is None
    [error] = result["errors"]
    assert (error["extensions"]["code"], error["extensions"]["written"]) == ("UPSTREAM_ERROR", True)
    assert "succeeded" in error["message"]
