"""The ledger setup the engine exposes from declarations alone (accounts, branches, VAT ...),
end to end against the simulator's demo company: every record listed with its count, one read
by its key or its global id, an unknown key null, and the calls Visma saw for each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from gateway.resources.declaration import Resource
from gateway.resources.registry import BY_NAME
from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway


@dataclass(frozen=True)
class Ledger:
    """One resource: its declaration and the simulator's collection of it."""

    resource: Resource
    books: str  # the simulator's collection, ``CompanyData.ledger[books]``

    @property
    def key(self) -> str:
        return self.resource.key[0]

    def records(self, gateway: Gateway) -> list[dict[str, Any]]:
        return gateway.sim.company(COMPANY_A_TENANT).ledger[self.books]

    def calls(self, gateway: Gateway) -> list[str]:
        """The simulator's calls to this resource's paths, with their query strings."""
        path = self.resource.path
        return [
            f"{c.path}?{'&'.join(f'{k}={v}' for k, v in sorted(c.params.items()))}"
            for c in gateway.calls()
            if c.path == path or c.path.startswith(f"{path}/")
        ]


LEDGERS = [
    Ledger(BY_NAME[name], books)
    for name, books in (
        ("Account", "account"),
        ("Subaccount", "subaccount"),
        ("CashAccount", "cashAccount"),
        ("Branch", "branch"),
        ("LedgerCurrency", "currency"),
        ("PaymentMethod", "paymentMethod"),
        ("VatCategory", "vatCategory"),
        ("VatZone", "vatZone"),
        ("Country", "country"),
        ("FinancialPeriod", "financialPeriod"),
        ("SupplierClass", "supplierClass"),
    )
]


_FIRST = 100


def _list_call(ledger: Ledger) -> str:
    """The one call a small list costs: whole, or the first page of ``_FIRST`` records."""
    paging = f"pageNumber=1&pageSize={_FIRST}" if ledger.resource.paged else ""
    return f"{ledger.resource.path}?{paging}"


def _list(ledger: Ledger) -> str:
    return f"{{ {ledger.resource.plural}(first: {_FIRST}) {{ totalCount nodes {{ vismaId }} }} }}"


def _lookup(ledger: Ledger) -> str:
    name = ledger.resource.singular
    return f"query($k: String!) {{ {name}({ledger.key}: $k) {{ __typename id vismaId }} }}"


@pytest.mark.parametrize("ledger", LEDGERS, ids=lambda ledger: ledger.resource.plural)
async def test_the_root_connection_lists_every_record_with_its_count(
    gateway: Gateway, ledger: Ledger
) -> None:
    records = ledger.records(gateway)
    cold = await gateway.query(_list(ledger))
    cold_calls = ledger.calls(gateway)
    warm = await gateway.query(_list(ledger))

    assert len(records) > 1
    page = cold["data"][ledger.resource.plural]
    assert page["totalCount"] == len(records)
    assert [n["vismaId"] for n in page["nodes"]] == [r[ledger.key] for r in records]
    assert cold_calls == [_list_call(ledger)]
    assert warm["data"] == cold["data"]
    assert warm["extensions"]["upstream"]["calls"] == 0
    assert ledger.calls(gateway) == cold_calls  # warm: no call


@pytest.mark.parametrize("ledger", LEDGERS, ids=lambda ledger: ledger.resource.singular)
async def test_a_lookup_reads_one_record_by_its_key_and_node_reads_it_again(
    gateway: Gateway, ledger: Ledger
) -> None:
    records = ledger.records(gateway)
    key = records[len(records) // 2][ledger.key]

    one = await gateway.query(_lookup(ledger), variables={"k": key})
    cold_calls = ledger.calls(gateway)
    record = one["data"][ledger.resource.singular]
    again = await gateway.query(
        f"query($id: ID!) {{ node(id: $id) {{ __typename id "
        f"... on {ledger.resource.name} {{ vismaId }} }} }}",
        variables={"id": record["id"]},
    )

    assert "errors" not in one
    assert record["__typename"] == ledger.resource.name
    assert record["vismaId"] == key
    assert cold_calls == [ledger.resource.single_path.replace("{}", key) + "?"]
    assert again["data"] == {"node": record}
    assert ledger.calls(gateway) == cold_calls  # warm: no call


@pytest.mark.parametrize("ledger", LEDGERS, ids=lambda ledger: ledger.resource.singular)
async def test_an_unknown_key_is_null(gateway: Gateway, ledger: Ledger) -> None:
    result = await gateway.query(_lookup(ledger), variables={"k": "ZZ-NONE"})

    assert result["data"] == {ledger.resource.singular: None}
    assert "errors" not in result
    assert ledger.calls(gateway) == [ledger.resource.single_path.replace("{}", "ZZ-NONE") + "?"]
