"""createContactPerson and updateContactPerson, derived from the contact's declared writes
(ContactUpdateDto): the DTO Visma receives, the integer key, Visma's refusals as user errors,
and the supplier's contacts refreshed by the write."""

from __future__ import annotations

from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway

CREATE = """
mutation($input: CreateContactPersonInput!) {
  createContactPerson(input: $input) {
    contact { contactId displayName businessAccount businessAccountType title email }
    version userErrors { message field code }
  }
}"""
UPDATE = """
mutation($id: Int!, $input: UpdateContactPersonInput!) {
  updateContactPerson(contactId: $id, input: $input) {
    contact { contactId displayName position phone1 }
    version userErrors { message field code }
  }
}"""
CONTACTS = """query($n: String!) { supplier(number: $n) { contacts { nodes { contactId } } } }"""


async def test_a_create_sends_the_dto_and_the_suppliers_contacts_show_it(gateway: Gateway) -> None:
    supplier = gateway.sim.company(COMPANY_A_TENANT).suppliers[0]["number"]
    before = await gateway.query(CONTACTS, variables={"n": supplier})
    known = [n["contactId"] for n in before["data"]["supplier"]["contacts"]["nodes"]]
    gateway.sim.reset_calls()

    result = await gateway.query(
        CREATE,
        variables={
            "input": {
                "firstName": "Kari",
                "lastName": "Nordmann",
                "title": "MS",
                "businessAccount": supplier,
                "email": "kari@example.no",
                "address": {"city": "Tromsø", "countryId": "NO"},
            }
        },
    )

    assert "errors" not in result, result
    payload = result["data"]["createContactPerson"]
    assert payload["userErrors"] == []
    contact = payload["contact"]
    assert contact["contactId"] > max(known)
    assert contact == {
        "contactId": contact["contactId"],
        "displayName": "Kari Nordmann",
        "businessAccount": supplier,
        "businessAccountType": "Supplier",
        "title": "MS",
        "email": "kari@example.no",
    }
    assert gateway.writes() == [
        (
            "POST",
            "/v1/contact",
            {
                "title": {"value": "Ms"},
                "firstName": {"value": "Kari"},
                "lastName": {"value": "Nordmann"},
                "businessAccount": {"value": supplier},
                "address": {"value": {"city": {"value": "Tromsø"}, "countryId": {"value": "NO"}}},
                "email": {"value": "kari@example.no"},
            },
            None,
        )
    ]
    after = await gateway.query(CONTACTS, variables={"n": supplier})
    assert [n["contactId"] for n in after["data"]["supplier"]["contacts"]["nodes"]] == [
        *known,
        contact["contactId"],
    ]


async def test_an_update_takes_the_integer_key(
    gateway: Gateway,
) -> None:
    contact_id = int(gateway.sim.company(COMPANY_A_TENANT).contacts[0]["contactId"])
    await gateway.query(UPDATE, variables={"id": contact_id, "input": {"position": "Innkjøper"}})
    gateway.sim.reset_calls()

    result = await gateway.query(
        UPDATE, variables={"id": contact_id, "input": {"phone1": "+47 99 99 99 99"}}
    )

    assert "errors" not in result, result
    payload = result["data"]["updateContactPerson"]
    assert payload["userErrors"] == []
    assert payload["contact"]["position"] == "Innkjøper"
    assert payload["contact"]["phone1"] == "+47 99 99 99 99"
    assert gateway.writes() == [
        (
            "PUT",
            f"/v1/contact/{contact_id}",
            {"phone1": {"value": "+47 99 99 99 99"}},
            None,
        )
    ]


async def test_an_unknown_business_account_is_a_user_error_at_its_field(
    gateway: Gateway,
) -> None:
    result = await gateway.query(
        CREATE, variables={"input": {"lastName": "Hansen", "businessAccount": "NOPE"}}
    )

    assert "errors" not in result, result
    payload = result["data"]["createContactPerson"]
    assert payload["contact"] is None
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["input", "businessAccount"])


async def test_a_create_without_last_name_is_refused_before_anything_is_sent(
    gateway: Gateway,
) -> None:
    result = await gateway.query(CREATE, variables={"input": {"firstName": "Kari"}})

    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "lastName" in result["errors"][0]["message"]
    assert gateway.calls() == []
