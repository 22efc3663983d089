"""Resources keyed by an integer (project tasks, contacts): the lookup takes an ``Int!`` as
the spec types the path parameter, the key field is an ``Int!``, and global ids read the
record again by its key."""

from __future__ import annotations

import pytest

from gateway.resources.project_task import PROJECT_TASK
from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway


@pytest.mark.parametrize(
    ("plural", "singular", "key", "path"),
    [
        ("projectTasks", "projectTask", "internalId", "/v1/projecttask/{}"),
        ("contacts", "contact", "contactId", "/v1/contact/{}"),
    ],
)
async def test_an_integer_key_is_an_int_in_the_lookup_and_the_record(
    gateway: Gateway, plural: str, singular: str, key: str, path: str
) -> None:
    listed = await gateway.query(f"{{ {plural}(first: 2) {{ totalCount nodes {{ id {key} }} }} }}")
    assert "errors" not in listed, listed
    second = listed["data"][plural]["nodes"][1]
    assert isinstance(second[key], int)

    one = await gateway.query(
        f"query($k: Int!) {{ {singular}({key}: $k) {{ id vismaId {key} }} }}",
        variables={"k": second[key]},
    )
    again = await gateway.query(
        "query($id: ID!) { node(id: $id) { id } }", variables={"id": second["id"]}
    )

    assert one["data"][singular] == {
        "id": second["id"],
        "vismaId": str(second[key]),
        key: second[key],
    }
    assert again["data"]["node"] == {"id": second["id"]}
    reads = [c.path for c in gateway.calls() if c.path == path.format(second[key])]
    assert len(reads) == 1  # the lookup; node(id:) in a new operation reads it again from cache


async def test_an_unknown_integer_key_is_null(gateway: Gateway) -> None:
    result = await gateway.query("{ projectTask(internalId: 987654) { id } }")

    assert result["data"] == {"projectTask": None}
    assert "errors" not in result
    assert PROJECT_TASK.record_key({"internalId": 7}) == ("7",)
    assert PROJECT_TASK.record_key({"internalId": True}) is None
    assert gateway.sim.company(COMPANY_A_TENANT).purchasing.tasks
