"""The ledger-setup endpoints: every route answers, pages, filters and 404s unknown keys, and
every reference the supplier documents carry resolves to a served record."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx
import pytest

from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, Simulator

# list path, record path prefix (None: no record route), key field
RESOURCES: list[tuple[str, str | None, str]] = [
    ("/v1/account", "/v1/account", "accountCD"),
    ("/v1/subaccount", "/v1/subaccount", "subaccountNumber"),
    ("/v1/cashaccount", "/v1/cashaccount", "number"),
    ("/v1/branch", "/v1/branch", "number"),
    ("/v1/currency", "/v1/currency", "id"),
    ("/v1/creditTerm", None, "termsId"),
    ("/v1/paymentmethod", "/v1/paymentmethod", "paymentMethodID"),
    ("/v1/vatCategory", "/v1/vatCategory", "vatCategoryId"),
    ("/v1/vatZone", "/v1/vatZone", "id"),
    ("/v1/country", "/v1/country", "id"),
    ("/v1/financialPeriod", "/v1/financialPeriod", "period"),
    ("/v1/supplier/supplierClass", "/v1/supplier/supplierClass", "id"),
]


async def records(client: httpx.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    found: list[dict[str, Any]] = body["records"] if isinstance(body, dict) else body
    return found


def keys(items: Iterable[dict[str, Any]], name: str) -> list[str]:
    return [str(item[name]) for item in items]


@pytest.mark.parametrize(("path", "record_path", "key"), RESOURCES)
async def test_every_record_of_a_list_is_served_by_its_key(
    client_a: httpx.AsyncClient, path: str, record_path: str | None, key: str
) -> None:
    listed = await records(client_a, path)

    assert listed
    assert len(set(keys(listed, key))) == len(listed)
    if record_path is None:
        return
    for item in listed:
        response = await client_a.get(f"{record_path}/{item[key]}")
        assert response.status_code == 200
        expected = {name: value for name, value in item.items() if name != "metadata"}
        assert response.json() == expected


@pytest.mark.parametrize(("path", "record_path", "key"), [r for r in RESOURCES if r[1]])
async def test_unknown_keys_are_404_with_a_message(
    client_a: httpx.AsyncClient, path: str, record_path: str, key: str
) -> None:
    response = await client_a.get(f"{record_path}/NO-SUCH-KEY")

    assert response.status_code == 404
    assert "'NO-SUCH-KEY' was not found" in response.json()["message"]


# Countries are the same list in every company, as in Visma.
@pytest.mark.parametrize(
    ("path", "record_path", "key"), [r for r in RESOURCES if r[2] != "id" or "country" not in r[0]]
)
async def test_the_companies_have_their_own_setup(
    client_a: httpx.AsyncClient,
    client_b: httpx.AsyncClient,
    path: str,
    record_path: str | None,
    key: str,
) -> None:
    assert await records(client_a, path) != await records(client_b, path)


async def test_supplier_class_route_is_not_taken_for_a_supplier(
    client_a: httpx.AsyncClient,
) -> None:
    classes = await records(client_a, "/v1/supplier/supplierClass")
    supplier = (await client_a.get("/v1/supplier/10001")).json()

    assert "id" in classes[0] and "number" not in classes[0]
    assert supplier["number"] == "10001"


async def test_supplier_class_carries_its_timestamp_as_etag(client_a: httpx.AsyncClient) -> None:
    response = await client_a.get("/v1/supplier/supplierClass/INNL")

    assert response.headers["ETag"] == f'"{response.json()["timeStamp"]}"'


@pytest.mark.parametrize("path", ["/v1/subaccount", "/v1/vatZone", "/v1/country"])
async def test_page_number_and_size_page_with_metadata(
    client_b: httpx.AsyncClient, path: str
) -> None:
    everything = await records(client_b, path)

    first = await records(client_b, path, pageNumber=1, pageSize=2)
    second = await records(client_b, path, pageNumber=2, pageSize=2)
    beyond = await records(client_b, path, pageNumber=99, pageSize=2)

    assert [i["metadata"]["totalCount"] for i in first] == [len(everything)] * 2
    assert first + second == everything[:4]
    assert beyond == []


@pytest.mark.parametrize(
    "path", ["/v1/account", "/v1/cashaccount", "/v1/paymentmethod", "/v1/vatCategory"]
)
async def test_number_to_read_and_skip_records_page(client_a: httpx.AsyncClient, path: str) -> None:
    everything = await records(client_a, path)

    window = await records(client_a, path, skipRecords=1, numberToRead=1)

    assert window == everything[1:2]


async def test_credit_terms_answer_in_a_pagination_wrapper(client_a: httpx.AsyncClient) -> None:
    body = (await client_a.get("/v1/creditTerm", params={"pageNumber": 2, "pageSize": 3})).json()
    everything = (await client_a.get("/v1/creditTerm")).json()

    assert body["pageNumber"] == 2 and body["pageSize"] == 3
    assert body["totalCount"] == everything["totalCount"] == len(everything["records"]) == 4
    assert body["records"] == everything["records"][3:]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/v1/account", {"numberToRead": "0"}),
        ("/v1/account", {"skipRecords": "-1"}),
        ("/v1/country", {"pageSize": "many"}),
        ("/v1/creditTerm", {"pageNumber": "0"}),
        ("/v1/subaccount", {"active": "yes"}),
        ("/v1/branch", {"lastModifiedDateTime": "2025-01-01"}),
        ("/v1/vatCategory", {"lastModifiedDateTime": "soon", "lastModifiedDateTimeCondition": ">"}),
    ],
)
async def test_bad_parameters_are_400_with_a_message(
    client_a: httpx.AsyncClient, path: str, params: dict[str, str]
) -> None:
    response = await client_a.get(path, params=params)

    assert response.status_code == 400
    assert response.json()["message"]


@pytest.mark.parametrize("path", ["/v1/subaccount", "/v1/account"])
async def test_active_filters(client_a: httpx.AsyncClient, path: str) -> None:
    everything = await records(client_a, path)

    active = await records(client_a, path, active="TRUE")
    inactive = await records(client_a, path, active="false")

    assert active and inactive
    assert all(i["active"] for i in active) and not any(i["active"] for i in inactive)
    assert len(active) + len(inactive) == len(everything)


@pytest.mark.parametrize(
    ("path", "key", "after"),
    [("/v1/account", "accountCD", "4000"), ("/v1/financialPeriod", "period", "202512")],
)
async def test_greater_than_value_keeps_later_keys(
    client_a: httpx.AsyncClient, path: str, key: str, after: str
) -> None:
    everything = keys(await records(client_a, path), key)

    later = keys(await records(client_a, path, greaterThanValue=after), key)

    assert later == [k for k in everything if k > after]
    assert 0 < len(later) < len(everything)


async def test_account_equality_filters(client_b: httpx.AsyncClient) -> None:
    everything = await records(client_b, "/v1/account")

    public = await records(client_b, "/v1/account", publicCode="40")
    external = await records(client_b, "/v1/account", externalCode1="2")

    assert keys(public, "accountCD") == [
        a["accountCD"] for a in everything if a["publicCode1"] == "40"
    ]
    assert keys(external, "accountCD") == [
        a["accountCD"] for a in everything if a["accountCD"][0] == "2"
    ]
    assert public and external
    assert [a["metadata"]["totalCount"] for a in external] == [len(external)] * len(external)


async def test_terms_id_filters_credit_terms(client_b: httpx.AsyncClient) -> None:
    body = (await client_b.get("/v1/creditTerm", params={"termsId": "60"})).json()

    assert [t["termsId"] for t in body["records"]] == ["60"]
    assert body["totalCount"] == 1


async def test_last_modified_filters_by_date(client_a: httpx.AsyncClient) -> None:
    everything = await records(client_a, "/v1/financialPeriod")
    accounts = await records(client_a, "/v1/account")
    cut = sorted(a["lastModifiedDateTime"][:10] for a in accounts)[len(accounts) // 2]

    newer = await records(
        client_a, "/v1/account", lastModifiedDateTime=cut, lastModifiedDateTimeCondition=">="
    )

    assert len(everything) == 36
    assert newer and all(a["lastModifiedDateTime"][:10] >= cut for a in newer)
    assert len(newer) < len(accounts)


def _references(sim: Simulator, tenant: str) -> dict[str, set[str]]:
    """Every ledger value the supplier documents of one company refer to, by collection."""
    data = sim.company(tenant)
    refs: dict[str, set[str]] = {}

    def add(kind: str, *values: Any) -> None:
        refs.setdefault(kind, set()).update(str(v) for v in values if v not in (None, ""))

    for s in data.suppliers:
        add("/v1/supplier/supplierClass", s["supplierClass"]["id"])
        add("/v1/creditTerm", s["creditTerms"]["id"])
        add("/v1/paymentmethod", s["paymentMethod"]["id"])
        add("/v1/currency", s["currencyId"])
        add("/v1/cashaccount", s["cashAccount"])
        add("/v1/vatZone", s["vatZone"]["id"])
        add("/v1/country", s["mainAddress"]["country"]["id"], s["location"]["countryId"])
        add("/v1/account", s["glAccounts"]["supplierAccount"]["number"])
    for i in data.invoices:
        add("/v1/creditTerm", i["creditTerms"]["id"])
        add("/v1/paymentmethod", i["paymentMethod"]["id"])
        add("/v1/currency", i["currencyId"])
        add("/v1/cashaccount", i["cashAccount"])
        add("/v1/branch", i["branchNumber"]["number"])
        add("/v1/financialPeriod", i["financialPeriod"], i["postPeriod"])
        for line in i["invoiceLines"]:
            add("/v1/account", line["account"]["number"])
            add("/v1/vatCategory", line["vatCode"]["id"])
            add("/v1/branch", line["branchNumber"]["number"])
    for o in data.purchase_orders:
        add("/v1/creditTerm", o["terms"]["id"])
        add("/v1/currency", o["currency"])
        add("/v1/branch", o["branch"]["number"])
        for line in o["lines"]:
            add("/v1/account", line["account"]["number"])
            add("/v1/vatCategory", line["taxCategory"]["number"])
    for p in data.payments:
        add("/v1/paymentmethod", p["paymentMethod"])
        add("/v1/cashaccount", p["cashAccount"])
        add("/v1/currency", p["currency"]["id"])
        add("/v1/branch", p["branch"])
        add("/v1/financialPeriod", p["applicationPeriod"])
    return refs


@pytest.mark.parametrize("tenant", [COMPANY_A_TENANT, COMPANY_B_TENANT])
async def test_every_reference_of_the_documents_resolves(
    sim: Simulator,
    client_a: httpx.AsyncClient,
    client_b: httpx.AsyncClient,
    tenant: str,
) -> None:
    client = client_a if tenant == COMPANY_A_TENANT else client_b
    key_of = {path: key for path, _, key in RESOURCES}
    missing: dict[str, set[str]] = {}

    for path, wanted in _references(sim, tenant).items():
        served = set(keys(await records(client, path), key_of[path]))
        if wanted - served:
            missing[path] = wanted - served

    assert len(_references(sim, tenant)) == 11
    assert missing == {}


async def test_order_by_sorts_branches(client_b: httpx.AsyncClient) -> None:
    by_number = await records(client_b, "/v1/branch")

    by_name = await records(client_b, "/v1/branch", orderBy="name")
    bad = await client_b.get("/v1/branch", params={"orderBy": "Colour"})

    assert keys(by_name, "name") == sorted(keys(by_number, "name"))
    assert keys(by_name, "name") != keys(by_number, "name")
    assert bad.status_code == 400 and "Valid values are" in bad.json()["message"]
