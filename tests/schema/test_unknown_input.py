"""The spec's enums carry UNKNOWN for values Visma.net adds later: an answer only, refused
as input (filters, mutation inputs and arguments) before anything is sent upstream."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Gateway

REFUSED = [
    ("{ suppliers(filter: {status: UNKNOWN}) { nodes { number } } }", "filter.status"),
    ("{ purchaseOrders(filter: {status: UNKNOWN}) { nodes { orderNumber } } }", "filter.status"),
    (
        "{ supplierPayments(filter: {type: UNKNOWN}) { nodes { referenceNumber } } }",
        "filter.type",
    ),
    (
        '{ supplier(number: "10001") { invoices(filter: {status: UNKNOWN}) '
        "{ nodes { amount } } } }",
        "filter.status",
    ),
    (
        'mutation { releaseSupplierPayment(refNbr: "300381", type: UNKNOWN) '
        "{ supplierPayment { status } userErrors { message code } } }",
        "type",
    ),
    (
        'mutation { updateSupplier(number: "10015", input: {status: UNKNOWN}) '
        "{ supplier { status } userErrors { message code } } }",
        "input.status",
    ),
]


@pytest.mark.parametrize(("query", "field"), REFUSED)
async def test_unknown_is_refused_as_input(gateway: Gateway, query: str, field: str) -> None:
    result: dict[str, Any] = await gateway.query(query)

    if query.startswith("mutation"):  # refused inside the payload
        [payload] = result["data"].values()
        [error] = payload["userErrors"]
    else:
        [error] = result["errors"]
        error = {**error, "code": error["extensions"]["code"]}
    assert error["code"] == "BAD_USER_INPUT"
    assert "UNKNOWN is not a value Visma.net takes" in error["message"]
    assert error["message"].startswith(field)
    # Nothing that carries the value went out: no write, no filtered list (a nested list's
    # parent may still have been read).
    assert [(c.method, c.path) for c in gateway.calls() if c.method != "GET" or c.params] == []


async def test_the_generated_status_enum_keeps_the_old_values(gateway: Gateway) -> None:
    result = await gateway.query("{ suppliers(filter: {status: ACTIVE}) { nodes { status } } }")

    statuses = {n["status"] for n in result["data"]["suppliers"]["nodes"]}
    assert statuses == {"ACTIVE"}
    assert [c.params.get("status") for c in gateway.calls()] == ["Active"]
