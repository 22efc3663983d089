"""createCustomer and updateCustomer, derived from the customer's declared writes: the DTO
Visma receives, refusals before sending, Visma's validation errors and the record read back."""

from __future__ import annotations

from gateway.simulator import COMPANY_A_TENANT, demo_token
from tests.conftest import Gateway

CREATE = """
mutation($input: CreateCustomerInput!, $key: String) {
  createCustomer(input: $input, idempotencyKey: $key) {
    customer { number name status creditLimit customerClass { vismaId }
               mainAddress { city country { id } } }
    version userErrors { message field code } clientMutationId
  }
}"""
UPDATE = """
mutation($number: String!, $input: UpdateCustomerInput!) {
  updateCustomer(number: $number, input: $input) {
    customer { number name corporateId creditLimit sendInvoicesByEmail }
    version userErrors { message field code }
  }
}"""


async def test_a_create_sends_the_dto_as_the_spec_wraps_it_and_answers_the_new_customer(
    gateway: Gateway,
) -> None:
    result = await gateway.query(
        CREATE,
        variables={
            "input": {
                "name": "Fjordkraft Bygg AS",
                "status": "ACTIVE",
                "customerClassId": "BEDRIFT",
                "creditLimit": "150000.50",
                "overrideWithClassValues": True,
                "mainAddress": {"addressLine1": "Kaigata 2", "city": "Bergen", "countryId": "NO"},
                "clientMutationId": "c-1",
            },
            "key": "f7a0c1d2-0000-4000-8000-000000000001",
        },
    )

    assert "errors" not in result, result
    payload = result["data"]["createCustomer"]
    assert payload["userErrors"] == []
    assert payload["clientMutationId"] == "c-1"
    customer = payload["customer"]
    assert customer["number"] == "00459"
    assert (customer["name"], customer["status"]) == ("Fjordkraft Bygg AS", "ACTIVE")
    assert customer["creditLimit"] == "150000.5"
    assert customer["customerClass"] == {"vismaId": "BEDRIFT"}
    assert customer["mainAddress"] == {"city": "Bergen", "country": {"id": "NO"}}
    assert payload["version"]
    assert gateway.writes() == [
        (
            "POST",
            "/v1/customer",
            {
                "name": {"value": "Fjordkraft Bygg AS"},
                "status": {"value": "Active"},
                "creditLimit": {"value": 150000.5},
                "overrideWithClassValues": True,
                "customerClassId": {"value": "BEDRIFT"},
                "mainAddress": {
                    "value": {
                        "addressLine1": {"value": "Kaigata 2"},
                        "city": {"value": "Bergen"},
                        "countryId": {"value": "NO"},
                    }
                },
            },
            None,
        )
    ]
    assert [c.path for c in gateway.calls() if c.method == "GET"] == ["/v1/customer/00459"]


async def test_an_update_sends_only_the_given_fields_and_reads_the_change_back(
    gateway: Gateway,
) -> None:
    result = await gateway.query(
        UPDATE,
        variables={
            "number": "00001",
            "input": {"corporateId": None, "creditLimit": "1000", "sendInvoicesByEmail": True},
        },
    )

    assert "errors" not in result, result
    payload = result["data"]["updateCustomer"]
    assert payload["userErrors"] == []
    assert payload["customer"]["corporateId"] is None
    assert payload["customer"]["creditLimit"] == "1000.0"
    assert payload["customer"]["sendInvoicesByEmail"] is True
    assert payload["version"]
    gateway.sim.reset_calls()

    again = await gateway.query(
        UPDATE, variables={"number": "00001", "input": {"name": "Nytt navn"}}
    )

    assert again["data"]["updateCustomer"]["customer"]["name"] == "Nytt navn"
    assert gateway.writes() == [
        ("PUT", "/v1/customer/00001", {"name": {"value": "Nytt navn"}}, None)
    ]
    listed = await gateway.query('{ customers(filter: {name: "Nytt navn"}) { nodes { number } } }')
    assert listed["data"]["customers"]["nodes"] == [{"number": "00001"}]


async def test_an_update_promises_no_conflict_where_visma_checks_no_version(
    gateway: Gateway,
) -> None:
    # The spec gives PUT /v1/customer/{customerCd} no If-Match: the update takes no version.
    result = await gateway.query(
        """mutation { updateCustomer(number: "00002", input: {accountReference: "a"},
             expectedVersion: "AAAAAQAAAAA=") { version } }"""
    )

    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "expectedVersion" in result["errors"][0]["message"]
    assert gateway.calls() == []


async def test_a_create_without_name_is_refused_before_anything_is_sent(gateway: Gateway) -> None:
    result = await gateway.query(CREATE, variables={"input": {"customerClassId": "BEDRIFT"}})

    # name is String! in the create input: the variables are refused before execution.
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "name" in result["errors"][0]["message"]
    assert gateway.calls() == []


async def test_an_update_cannot_clear_a_field_a_create_requires(gateway: Gateway) -> None:
    result = await gateway.query(UPDATE, variables={"number": "00001", "input": {"name": None}})

    [error] = result["data"]["updateCustomer"]["userErrors"]
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["input", "name"])
    assert gateway.calls() == []


async def test_a_visma_validation_error_is_a_user_error_at_the_input_field(
    gateway: Gateway,
) -> None:
    result = await gateway.query(
        UPDATE,
        variables={
            "number": "00001",
            "input": {"mainAddress": {"countryId": "XX"}, "customerClassId": "BEDRIFT"},
        },
    )

    payload = result["data"]["updateCustomer"]
    assert payload["customer"] is None
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == (
        "BAD_USER_INPUT",
        ["input", "mainAddress", "countryId"],
    )
    assert "'CountryId' cannot be found in the system. Value: 'XX'." in error["message"]


async def test_an_unknown_customer_is_not_found(gateway: Gateway) -> None:
    result = await gateway.query(
        UPDATE, variables={"number": "99999", "input": {"accountReference": "n"}}
    )
    assert "errors" not in result, result

    [error] = result["data"]["updateCustomer"]["userErrors"]
    assert error["code"] == "NOT_FOUND"


async def test_writes_need_the_create_and_update_scopes(gateway: Gateway) -> None:
    reader = demo_token(COMPANY_A_TENANT, scopes=["vismanet_erp_interactive_api:read"])

    created = await gateway.query(CREATE, variables={"input": {"name": "X"}}, token=reader)
    assert "FORBIDDEN" in str(created), created
    changed = await gateway.query(
        UPDATE, variables={"number": "00001", "input": {"accountReference": "n"}}, token=reader
    )

    assert created["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "vismanet_erp_interactive_api:create" in created["errors"][0]["message"]
    assert "vismanet_erp_interactive_api:update" in changed["errors"][0]["message"]
