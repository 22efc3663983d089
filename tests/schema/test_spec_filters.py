"""The filters generated from the spec's list parameters, seen from Visma's side: each value
reaches the simulator under the parameter's own name and in the format Visma reads, the
simulator honours the ones it knows, and a half of a ``…Condition`` pair is refused."""

from __future__ import annotations

from gateway.simulator import COMPANY_A_TENANT
from gateway.simulator.recording import RecordedCall
from schema.generated.filters import FILTERS
from tests.conftest import Gateway


def _lists(gateway: Gateway, path: str) -> list[RecordedCall]:
    return [c for c in gateway.calls() if c.method == "GET" and c.path.lower() == path.lower()]


async def test_a_filter_reaches_visma_under_the_spec_names_and_is_honoured(
    gateway: Gateway,
) -> None:
    projects = gateway.sim.company(COMPANY_A_TENANT).purchasing.projects
    active = [p for p in projects if p["status"] == "Active"]

    result = await gateway.query(
        "{ projects(first: 50, filter: { status: ACTIVE, visibleInAP: true, "
        'lastModifiedDateTime: "2020-01-01T10:00:00+02:00", '
        "lastModifiedDateTimeCondition: GREATER_THAN_OR_EQUAL }) "
        "{ totalCount nodes { projectID status } } }"
    )

    assert "errors" not in result, result
    [call] = _lists(gateway, "/v1/project")
    assert call.params["status"] == "Active"
    assert call.params["visibleInAP"] == "true"
    assert call.params["lastModifiedDateTime"] == "2020-01-01T08:00:00.000"
    assert call.params["lastModifiedDateTimeCondition"] == ">="
    nodes = result["data"]["projects"]["nodes"]
    assert {n["status"] for n in nodes} == {"ACTIVE"}
    expected = {p["projectID"] for p in active if p["visibility"]["visibleInAp"]}
    assert {n["projectID"] for n in nodes} == expected


async def test_dates_numbers_and_lists_answered_whole_keep_their_format(
    gateway: Gateway,
) -> None:
    result = await gateway.query(
        '{ purchaseReceipts(first: 5, filter: { receiptDate: "2026-03-01", '
        "receiptDateCondition: LESS_THAN, receiptType: PO_RECEIPT }) { nodes { receiptNbr } } "
        "accounts(first: 5, filter: { active: false }) { totalCount } }"
    )

    assert "errors" not in result, result
    [receipts] = _lists(gateway, "/v1/PurchaseReceipt")
    assert receipts.params["receiptDate"] == "2026-03-01"
    assert receipts.params["receiptDateCondition"] == "<"
    assert receipts.params["receiptType"] == "PoReceipt"
    [accounts] = _lists(gateway, "/v1/account")
    assert accounts.params == {"active": "false"}


async def test_half_of_a_condition_pair_is_refused_with_the_missing_field_named(
    gateway: Gateway,
) -> None:
    result = await gateway.query(
        '{ projects(filter: { lastModifiedDateTime: "2026-01-01T00:00:00Z" }) { totalCount } }'
    )

    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "filter.lastModifiedDateTimeCondition"
    assert _lists(gateway, "/v1/project") == []


async def test_unknown_is_not_a_value_a_filter_sends(gateway: Gateway) -> None:
    result = await gateway.query("{ projects(filter: { status: UNKNOWN }) { totalCount } }")

    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "filter.status"


def test_paging_is_the_gateways_own_and_not_a_filter() -> None:
    assert {"Project", "InventoryItem", "PurchaseReceipt", "SupplierLocation"} <= set(FILTERS)
    for kind in FILTERS.values():
        definition = kind.__strawberry_definition__  # type: ignore[attr-defined]
        names = {f.graphql_name for f in definition.fields}
        assert not names & {"pageNumber", "pageSize", "numberToRead", "skipRecords"}
