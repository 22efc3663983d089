"""Mutations end to end against the simulator, asserted from the upstream's side."""

from __future__ import annotations

import asyncio
from typing import Any

from gateway.simulator import COMPANY_A_TENANT, demo_token
from tests.conftest import Gateway

CREATE_SUPPLIER = """
mutation($input: SupplierInput!, $key: String) {
  createSupplier(input: $input, idempotencyKey: $key) {
    supplier { number name supplierClass { id } mainAddress { city country { id } } timeStamp }
  }
}"""
UPDATE_SUPPLIER = """
mutation($number: String!, $input: SupplierInput!, $ts: String) {
  updateSupplier(number: $number, input: $input, expectedTimestamp: $ts) {
    supplier { number name corporateId timeStamp }
  }
}"""
SEED_SUPPLIER = {
    "name": "Nordlys Elektro AS",
    "supplierClassId": "INNL",
    "mainAddress": {
        "addressLine1": "Storgata 1",
        "postalCode": "0155",
        "city": "Oslo",
        "countryId": "NO",
    },
}


def writes(gateway: Gateway) -> list[tuple[str, str, Any]]:
    return [(c.method, c.path, c.body) for c in gateway.calls() if c.method != "GET"]


def code(result: dict[str, Any]) -> str:
    return str(result["errors"][0]["extensions"]["code"])


async def test_create_supplier_sends_wrapped_given_fields_and_reads_back(
    gateway: Gateway,
) -> None:
    result = await gateway.query(CREATE_SUPPLIER, variables={"input": SEED_SUPPLIER})

    supplier = result["data"]["createSupplier"]["supplier"]
    assert supplier["number"] == "10263"
    assert supplier["name"] == "Nordlys Elektro AS"
    assert supplier["supplierClass"] == {"id": "INNL"}
    assert supplier["mainAddress"] == {"city": "Oslo", "country": {"id": "NO"}}
    assert writes(gateway) == [
        (
            "POST",
            "/v1/supplier",
            {
                "name": {"value": "Nordlys Elektro AS"},
                "supplierClassId": {"value": "INNL"},
                "mainAddress": {
                    "value": {
                        "addressLine1": {"value": "Storgata 1"},
                        "postalCode": {"value": "0155"},
                        "city": {"value": "Oslo"},
                        "countryId": {"value": "NO"},
                    }
                },
            },
        )
    ]
    assert [(c.method, c.path) for c in gateway.calls()][-1] == ("GET", "/v1/supplier/10263")


async def test_update_sends_only_given_fields_and_null_clears(gateway: Gateway) -> None:
    result = await gateway.query(
        UPDATE_SUPPLIER,
        variables={"number": "10015", "input": {"name": "Jæren Betong AS", "corporateId": None}},
    )

    assert result["data"]["updateSupplier"]["supplier"]["name"] == "Jæren Betong AS"
    assert result["data"]["updateSupplier"]["supplier"]["corporateId"] is None
    assert writes(gateway) == [
        (
            "PUT",
            "/v1/supplier/10015",
            {"name": {"value": "Jæren Betong AS"}, "corporateId": {"value": None}},
        )
    ]


async def test_null_on_a_field_that_cannot_be_cleared_is_refused(gateway: Gateway) -> None:
    result = await gateway.query(
        UPDATE_SUPPLIER, variables={"number": "10015", "input": {"name": None}}
    )

    assert code(result) == "BAD_USER_INPUT"
    assert result["errors"][0]["extensions"]["field"] == "input.name"
    assert writes(gateway) == []


async def test_a_created_supplier_is_seen_by_another_user_of_the_company(
    gateway: Gateway,
) -> None:
    listing = "{ suppliers(first: 500) { totalCount nodes { number } } }"
    other_user = demo_token(COMPANY_A_TENANT, subject="someone-else")
    before = await gateway.query(listing, token=other_user)
    await gateway.query(CREATE_SUPPLIER, variables={"input": SEED_SUPPLIER})

    after = await gateway.query(listing, token=other_user)

    assert after["data"]["suppliers"]["totalCount"] == before["data"]["suppliers"]["totalCount"] + 1
    assert "10263" in [n["number"] for n in after["data"]["suppliers"]["nodes"]]


async def test_stale_timestamp_is_a_conflict_and_changes_nothing(gateway: Gateway) -> None:
    read = await gateway.query('{ supplier(number: "10015") { name timeStamp } }')
    stale = read["data"]["supplier"]["timeStamp"]
    first = await gateway.query(
        UPDATE_SUPPLIER, variables={"number": "10015", "input": {"note": "a"}, "ts": stale}
    )
    assert first["data"]["updateSupplier"]["supplier"]["timeStamp"] != stale

    second = await gateway.query(
        UPDATE_SUPPLIER, variables={"number": "10015", "input": {"name": "Lost"}, "ts": stale}
    )

    assert code(second) == "CONFLICT"
    puts = [c for c in gateway.calls() if c.method == "PUT"]
    assert [c.headers["if-match"] for c in puts] == [stale, stale]
    assert [c.status for c in puts] == [204, 412]
    again = await gateway.query('{ supplier(number: "10015") { name } }')
    assert again["data"]["supplier"]["name"] == read["data"]["supplier"]["name"]


async def test_same_idempotency_key_twice_sends_one_post(gateway: Gateway) -> None:
    variables = {"input": SEED_SUPPLIER, "key": "create-nordlys-1"}
    first = await gateway.query(CREATE_SUPPLIER, variables=variables)
    second = await gateway.query(CREATE_SUPPLIER, variables=variables)

    assert second["data"] == first["data"]
    assert [c.method for c in gateway.calls()].count("POST") == 1


async def test_concurrent_identical_keys_write_once(gateway: Gateway) -> None:
    variables = {"input": SEED_SUPPLIER, "key": "create-nordlys-2"}
    results = await asyncio.gather(
        *(gateway.query(CREATE_SUPPLIER, variables=variables) for _ in range(3))
    )

    assert {r["data"]["createSupplier"]["supplier"]["number"] for r in results} == {"10263"}
    assert [c.method for c in gateway.calls()].count("POST") == 1


async def test_a_key_reused_with_other_arguments_is_refused(gateway: Gateway) -> None:
    await gateway.query(CREATE_SUPPLIER, variables={"input": SEED_SUPPLIER, "key": "k"})
    other = {**SEED_SUPPLIER, "name": "Another AS"}
    result = await gateway.query(CREATE_SUPPLIER, variables={"input": other, "key": "k"})

    assert code(result) == "BAD_USER_INPUT"
    assert [c.method for c in gateway.calls()].count("POST") == 1


async def test_a_foreign_location_is_refused_and_not_followed(gateway: Gateway) -> None:
    gateway.sim.config.location_origin = "https://attacker.example"
    result = await gateway.query(CREATE_SUPPLIER, variables={"input": SEED_SUPPLIER})

    assert code(result) == "UPSTREAM_ERROR"
    assert "another origin" in result["errors"][0]["message"]
    assert [(c.method, c.path) for c in gateway.calls()] == [("POST", "/v1/supplier")]


async def test_validation_errors_carry_the_upstream_message_and_field(gateway: Gateway) -> None:
    result = await gateway.query(
        CREATE_SUPPLIER, variables={"input": {"name": "X", "supplierClassId": "NOPE"}}
    )

    error = result["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "input.supplierClassId"
    assert "'SupplierClassId' cannot be found in the system. Value: 'NOPE'." in error["message"]


async def test_a_token_without_write_access_is_forbidden_and_writes_nothing(
    gateway: Gateway,
) -> None:
    reader = demo_token(COMPANY_A_TENANT, scopes=["vismanet_erp_interactive_api:read"])
    result = await gateway.query(CREATE_SUPPLIER, variables={"input": SEED_SUPPLIER}, token=reader)

    assert code(result) == "FORBIDDEN"
    assert [(c.method, c.status) for c in gateway.calls()] == [("POST", 403)]
    assert gateway.sim.company(COMPANY_A_TENANT).suppliers[-2]["number"] != "10263"
