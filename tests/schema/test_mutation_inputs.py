"""Mutation inputs as the spec has them: the enums of the update DTOs, and versions checked
before anything is sent."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.resources.spec import load_schemas
from schema.generated.enums import PurchaseOrderLineLineType, SupplierInvoiceUpdateDocumentType
from tests.conftest import Gateway
from tests.schema.test_mutation import UPDATE_SUPPLIER, failure


def wrapped_enum(schemas: dict[str, Any], dto: str, field: str) -> set[str]:
    """The values of the ``{"value": enum}`` wrapper of ``dto.field``."""
    ref = schemas[dto]["properties"][field]["$ref"].rsplit("/", 1)[-1]
    return set(schemas[ref]["properties"]["value"]["enum"])


def test_the_write_enums_are_the_update_dtos_own() -> None:
    schemas = load_schemas()

    invoice_types = wrapped_enum(schemas, "SupplierInvoiceUpdateDto", "documentType")
    assert {
        str(member.value)
        for member in SupplierInvoiceUpdateDocumentType
        if member.name != "UNKNOWN"
    } == invoice_types
    line_types = wrapped_enum(schemas, "PurchaseOrderLineUpdateDto", "lineType")
    assert {str(m.value) for m in PurchaseOrderLineLineType if m.name != "UNKNOWN"} == line_types


@pytest.mark.parametrize("version", ["", "two words", 'a"b', "\u00e6\u00f8"])
async def test_a_malformed_version_is_bad_input_and_nothing_is_sent(
    gateway: Gateway, version: str
) -> None:
    result = await gateway.query(
        UPDATE_SUPPLIER, variables={"number": "10015", "input": {"note": "n"}, "ts": version}
    )

    error = failure(result)
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["expectedVersion"])
    assert [c.method for c in gateway.calls()] == []


async def test_a_version_given_as_an_etag_is_sent_as_one(gateway: Gateway) -> None:
    read = await gateway.query('{ supplier(number: "10015") { timeStamp } }')
    version = read["data"]["supplier"]["timeStamp"]

    result = await gateway.query(
        UPDATE_SUPPLIER,
        variables={"number": "10015", "input": {"note": "n"}, "ts": f'W/"{version}"'},
    )

    assert result["data"]["updateSupplier"]["userErrors"] == []
    [put] = [c for c in gateway.calls() if c.method == "PUT"]
    assert put.headers["if-match"] == f'"{version}"'


async def test_the_payload_version_is_the_etag_and_guards_the_next_write(gateway: Gateway) -> None:
    first = await gateway.query(
        UPDATE_SUPPLIER, variables={"number": "10015", "input": {"note": "a"}}
    )
    version = first["data"]["updateSupplier"]["version"]
    read = await gateway.query('{ supplier(number: "10015") { timeStamp } }')
    assert version == read["data"]["supplier"]["timeStamp"]

    second = await gateway.query(
        UPDATE_SUPPLIER, variables={"number": "10015", "input": {"note": "b"}, "ts": version}
    )
    third = await gateway.query(
        UPDATE_SUPPLIER, variables={"number": "10015", "input": {"note": "c"}, "ts": version}
    )

    assert second["data"]["updateSupplier"]["userErrors"] == []
    assert second["data"]["updateSupplier"]["version"] != version
    assert failure(third)["code"] == "CONFLICT"
