"""Values Visma may send that GraphQL cannot carry as they are: int64 counts, negative counts,
absurd page sizes, enum values added later. None of them fails a field."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.simulator import SimulatorConfig
from tests.conftest import Gateway

SUPPLIERS = "{ suppliers(first: 5) { totalCount nodes { number status } } }"


def overriding(values: dict[str, Any]) -> SimulatorConfig:
    return SimulatorConfig(list_overrides={"supplier": values})


@pytest.mark.parametrize("sim_config", [overriding({"metadata": {"totalCount": 2**40}})])
async def test_an_int64_count_is_clamped_with_a_coded_warning(gateway: Gateway) -> None:
    result = await gateway.query(SUPPLIERS)

    assert "errors" not in result
    assert result["data"]["suppliers"]["totalCount"] == 2**31 - 1
    assert len(result["data"]["suppliers"]["nodes"]) == 5
    [warning] = result["extensions"]["warnings"]
    assert warning["code"] == "VALUE_OUT_OF_RANGE"
    assert warning["path"] == ["suppliers", "totalCount"]
    assert len(gateway.calls()) == 1


@pytest.mark.parametrize("sim_config", [overriding({"metadata": {"totalCount": -3}})])
async def test_a_negative_count_is_not_reported(gateway: Gateway) -> None:
    everything = "{ suppliers(first: 500) { totalCount nodes { number } } }"

    result = await gateway.query(everything)

    suppliers = result["data"]["suppliers"]
    assert "errors" not in result
    assert suppliers["totalCount"] == len(suppliers["nodes"]) > 5


def page_size_overrides(size: object) -> SimulatorConfig:
    values = {"metadata": {"maxPageSize": size}}
    return SimulatorConfig(list_overrides={"supplier": values, "supplierInvoice": values})


@pytest.mark.parametrize(
    "sim_config",
    [page_size_overrides(size) for size in (0, -1, 10**12, True)],
    ids=["zero", "negative", "huge", "boolean"],
)
async def test_absurd_page_sizes_do_not_change_paging(gateway: Gateway) -> None:
    nested = "{ suppliers(first: 20) { nodes { invoices(first: 2) { totalCount } } } }"
    first = await gateway.query("{ supplierInvoices(first: 3) { pageInfo { endCursor } } }")
    cursor = first["data"]["supplierInvoices"]["pageInfo"]["endCursor"]

    after = await gateway.query(
        "query($c: String) { supplierInvoices(first: 3, after: $c) { nodes { referenceNumber } } }",
        variables={"c": cursor},
    )
    result = await gateway.query(nested)

    assert [r.get("errors") for r in [after, result]] == [None, None]
    assert len(after["data"]["supplierInvoices"]["nodes"]) == 3
    assert sum(s["invoices"]["totalCount"] for s in result["data"]["suppliers"]["nodes"]) > 0
    sizes = {int(call.params["pageSize"]) for call in gateway.calls()}
    assert max(sizes) <= 1000


@pytest.mark.parametrize("sim_config", [overriding({"status": "SuspendedByAuditor"})])
async def test_an_enum_value_visma_adds_later_reads_unknown(gateway: Gateway) -> None:
    result = await gateway.query(SUPPLIERS)

    assert "errors" not in result
    assert {node["status"] for node in result["data"]["suppliers"]["nodes"]} == {"UNKNOWN"}
