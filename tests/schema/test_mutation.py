"""Mutations end to end against the simulator, asserted from the upstream's side."""

from __future__ import annotations

import asyncio
from typing import Any

from gateway.simulator import COMPANY_A_TENANT, FaultRule, demo_token
from tests.conftest import Gateway

CREATE_SUPPLIER = """
mutation($input: CreateSupplierInput!, $key: String) {
  createSupplier(input: $input, idempotencyKey: $key) {
    supplier { number name supplierClass { vismaId } mainAddress { city country { id } } timeStamp }
    userErrors { message field code }
  }
}"""
UPDATE_SUPPLIER = """
mutation($number: String!, $input: UpdateSupplierInput!, $ts: String) {
  updateSupplier(number: $number, input: $input, expectedVersion: $ts) {
    supplier { number name corporateId timeStamp }
    version
    userErrors { message field code }
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


def failure(result: dict[str, Any]) -> dict[str, Any]:
    """The one user error of a document's one mutation, asserting it stayed in the payload."""
    assert "errors" not in result, result
    [payload] = result["data"].values()
    [error] = payload["userErrors"]
    assert isinstance(error, dict)
    return error


def user_errors(result: dict[str, Any], mutation: str) -> list[dict[str, Any]]:
    """The payload's userErrors, asserting the failure stayed inside it."""
    assert "errors" not in result, result
    payload = result["data"][mutation]
    assert payload[next(iter(payload))] is None
    errors: list[dict[str, Any]] = payload["userErrors"]
    return errors


async def test_create_supplier_sends_wrapped_given_fields_and_reads_back(
    gateway: Gateway,
) -> None:
    result = await gateway.query(CREATE_SUPPLIER, variables={"input": SEED_SUPPLIER})

    supplier = result["data"]["createSupplier"]["supplier"]
    assert supplier["number"] == "10263"
    assert supplier["name"] == "Nordlys Elektro AS"
    assert supplier["supplierClass"] == {"vismaId": "INNL"}
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

    [error] = user_errors(result, "updateSupplier")
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["input", "name"])
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

    [error] = user_errors(second, "updateSupplier")
    assert (error["code"], error["field"]) == ("CONFLICT", ["expectedVersion"])
    puts = [c for c in gateway.calls() if c.method == "PUT"]
    assert [c.headers["if-match"] for c in puts] == [f'"{stale}"', f'"{stale}"']
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

    [error] = user_errors(result, "createSupplier")
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["idempotencyKey"])
    assert [c.method for c in gateway.calls()].count("POST") == 1


async def test_a_foreign_location_is_not_followed_and_the_error_says_it_was_written(
    gateway: Gateway,
) -> None:
    gateway.sim.config.location_origin = "https://attacker.example"
    result = await gateway.query(CREATE_SUPPLIER, variables={"input": SEED_SUPPLIER})

    assert code(result) == "UPSTREAM_ERROR"
    assert result["errors"][0]["extensions"]["written"] is True
    assert "it was written" in result["errors"][0]["message"]
    assert [(c.method, c.path) for c in gateway.calls()] == [("POST", "/v1/supplier")]


async def test_a_foreign_location_falls_back_to_the_number_the_input_gave(
    gateway: Gateway,
) -> None:
    gateway.sim.config.location_origin = "https://attacker.example"
    given = {**SEED_SUPPLIER, "number": "N-77"}
    result = await gateway.query(CREATE_SUPPLIER, variables={"input": given})

    assert result["data"]["createSupplier"]["supplier"]["number"] == "N-77"
    assert [(c.method, c.path) for c in gateway.calls()] == [
        ("POST", "/v1/supplier"),
        ("GET", "/v1/supplier/N-77"),
    ]


async def test_validation_errors_carry_the_upstream_message_and_field(gateway: Gateway) -> None:
    result = await gateway.query(
        CREATE_SUPPLIER, variables={"input": {"name": "X", "supplierClassId": "NOPE"}}
    )

    [error] = user_errors(result, "createSupplier")
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["input", "supplierClassId"])
    assert "'SupplierClassId' cannot be found in the system. Value: 'NOPE'." in error["message"]


async def test_a_token_without_write_access_is_forbidden_and_writes_nothing(
    gateway: Gateway,
) -> None:
    reader = demo_token(COMPANY_A_TENANT, scopes=["vismanet_erp_interactive_api:read"])
    result = await gateway.query(CREATE_SUPPLIER, variables={"input": SEED_SUPPLIER}, token=reader)

    assert code(result) == "FORBIDDEN"
    error = result["errors"][0]
    assert error["extensions"]["requiredScopes"] == [
        "vismanet_erp_interactive_api:create",
        "vismanet_erp_service_api:create",
    ]
    assert "lacks the scope vismanet_erp_interactive_api:create" in error["message"]
    assert "/v1/" not in error["message"]
    assert [(c.method, c.status) for c in gateway.calls()] == [("POST", 403)]
    assert gateway.sim.company(COMPANY_A_TENANT).suppliers[-2]["number"] != "10263"


async def test_an_update_without_its_scope_names_the_update_scope(gateway: Gateway) -> None:
    creator = demo_token(
        COMPANY_A_TENANT,
        scopes=["vismanet_erp_interactive_api:read", "vismanet_erp_interactive_api:create"],
    )
    result = await gateway.query(
        UPDATE_SUPPLIER, variables={"number": "10015", "input": {"note": "n"}}, token=creator
    )

    assert code(result) == "FORBIDDEN"
    assert "vismanet_erp_interactive_api:update" in result["errors"][0]["message"]
    assert "/v1/" not in result["errors"][0]["message"]


async def test_a_refusal_without_a_challenge_still_names_the_scope_the_write_needs(
    gateway: Gateway,
) -> None:
    gateway.sim.add_fault(FaultRule(r"^/v1/supplier$", status=403, method="POST"))
    result = await gateway.query(CREATE_SUPPLIER, variables={"input": SEED_SUPPLIER})

    assert code(result) == "FORBIDDEN"
    assert result["errors"][0]["extensions"]["requiredScopes"] == [
        "vismanet_erp_interactive_api:create",
        "vismanet_erp_service_api:create",
    ]


async def test_a_read_records_version_is_the_etag_an_update_expects(gateway: Gateway) -> None:
    stored = gateway.sim.company(COMPANY_A_TENANT).suppliers[5]
    read = await gateway.query(
        "query($n: String!) { supplier(number: $n) { version } }",
        variables={"n": stored["number"]},
    )
    version = read["data"]["supplier"]["version"]
    assert version == stored["timeStamp"]
    gateway.sim.reset_calls()

    result = await gateway.query(
        UPDATE_SUPPLIER,
        variables={"number": stored["number"], "input": {"corporateId": "1"}, "ts": version},
    )

    assert result["data"]["updateSupplier"]["userErrors"] == []
    [write] = [c for c in gateway.calls() if c.method == "PUT"]
    assert write.headers["if-match"] == f'"{version}"'
    stale = await gateway.query(
        UPDATE_SUPPLIER,
        variables={"number": stored["number"], "input": {"corporateId": "2"}, "ts": version},
    )
    [error] = stale["data"]["updateSupplier"]["userErrors"]
    assert error["code"] == "CONFLICT"
