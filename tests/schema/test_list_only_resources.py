"""Resources the spec reads only as a list (credit terms in a paging wrapper, units of
measure answered whole, supplier and customer documents paged): a root connection with its
count and no lookup, and global ids that ``node(id:)`` finds again in the list."""

from __future__ import annotations

import pytest

from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway


@pytest.mark.parametrize(
    ("plural", "type_name", "path"),
    [
        ("creditTerms", "CreditTerm", "/v1/creditTerm"),
        ("unitsOfMeasure", "UnitOfMeasure", "/v1/unitofmeasure"),
        ("supplierDocuments", "SupplierDocument", "/v1/supplierdocument"),
        ("customerDocuments", "CustomerDocument", "/v1/customerdocument"),
    ],
)
async def test_a_list_only_resource_pages_counts_and_reads_its_ids_from_the_list(
    gateway: Gateway, plural: str, type_name: str, path: str
) -> None:
    listed = await gateway.query(
        f"{{ {plural}(first: 2) {{ totalCount nodes {{ id vismaId }} }} }}"
    )
    assert "errors" not in listed, listed
    page = listed["data"][plural]
    assert page["totalCount"] >= 2
    second = page["nodes"][1]

    again = await gateway.query(
        f"query($id: ID!) {{ node(id: $id) {{ __typename id ... on {type_name} {{ vismaId }} }} }}",
        variables={"id": second["id"]},
    )

    assert again["data"]["node"] == {"__typename": type_name, **second}
    assert all(c.path == path for c in gateway.calls())


async def test_credit_terms_are_read_from_visma_paging_wrapper(gateway: Gateway) -> None:
    terms = gateway.sim.company(COMPANY_A_TENANT).ledger["creditTerm"]

    result = await gateway.query(
        "{ creditTerms(last: 1) { totalCount pageInfo { hasPreviousPage } nodes { termsId } } }"
    )

    page = result["data"]["creditTerms"]
    assert page == {
        "totalCount": len(terms),
        "pageInfo": {"hasPreviousPage": True},
        "nodes": [{"termsId": terms[-1]["termsId"]}],
    }
