"""``last`` and ``before`` on the root connections: windows counted back from a cursor or
from the end, computed from Visma's count without reading the whole list; ``totalCount`` is
never null on a list Visma answers whole."""

from __future__ import annotations

from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway

PAGE = "{ totalCount pageInfo { hasNextPage hasPreviousPage startCursor } nodes { projectID } }"


async def test_last_reads_the_end_of_a_paged_list_from_its_count(gateway: Gateway) -> None:
    projects = gateway.sim.company(COMPANY_A_TENANT).purchasing.projects
    ids = [p["projectID"] for p in projects]

    result = await gateway.query(f"{{ projects(last: 2) {PAGE} }}")

    page = result["data"]["projects"]
    assert [n["projectID"] for n in page["nodes"]] == ids[-2:]
    assert page["totalCount"] == len(ids)
    assert page["pageInfo"]["hasNextPage"] is False
    assert page["pageInfo"]["hasPreviousPage"] is True
    reads = [c for c in gateway.calls() if c.path == "/v1/project"]
    assert len(reads) == 2  # the count (one item), then the window


async def test_before_bounds_a_window_without_reading_the_count(gateway: Gateway) -> None:
    projects = gateway.sim.company(COMPANY_A_TENANT).purchasing.projects
    ids = [p["projectID"] for p in projects]
    first = await gateway.query(f"{{ projects(first: 4) {PAGE} }}")
    cursor = first["data"]["projects"]["pageInfo"]["startCursor"]
    nodes = await gateway.query("{ projects(first: 4) { edges { cursor } } }")
    fourth = nodes["data"]["projects"]["edges"][3]["cursor"]

    back = await gateway.query(f'{{ projects(last: 2, before: "{fourth}") {PAGE} }}')
    forward = await gateway.query(
        f'{{ projects(first: 5, after: "{cursor}", before: "{fourth}") {PAGE} }}'
    )

    assert [n["projectID"] for n in back["data"]["projects"]["nodes"]] == ids[1:3]
    assert [n["projectID"] for n in forward["data"]["projects"]["nodes"]] == ids[1:3]
    assert back["data"]["projects"]["pageInfo"]["hasNextPage"] is True


async def test_first_and_last_together_are_refused(gateway: Gateway) -> None:
    result = await gateway.query("{ projects(first: 1, last: 1) { totalCount } }")

    [error] = result["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "last"}


async def test_last_on_a_list_answered_whole_and_its_count(gateway: Gateway) -> None:
    accounts = gateway.sim.company(COMPANY_A_TENANT).ledger["account"]
    result = await gateway.query("{ accounts(last: 1) { totalCount nodes { accountCD } } }")

    page = result["data"]["accounts"]
    assert page["totalCount"] == len(accounts)
    assert page["nodes"] == [{"accountCD": accounts[-1]["accountCD"]}]


async def test_last_is_refused_where_visma_reports_no_count(gateway: Gateway) -> None:
    # TaskExtendedDto carries no metadata, so Visma reports no count of project tasks.
    result = await gateway.query("{ projectTasks(last: 1) { totalCount } }")

    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["argument"] == "last"
