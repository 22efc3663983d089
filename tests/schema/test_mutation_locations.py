"""createSupplierLocation and updateSupplierLocation, derived from the location's declared
writes (SupplierLocationUpdateDto): a composite key (the supplier, then the location) taken
from the create's input and from ``Location``, the DTO Visma receives, and the supplier's
locations refreshed by the write."""

from __future__ import annotations

from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import Gateway

CREATE = """
mutation($input: CreateSupplierLocationInput!) {
  createSupplierLocation(input: $input) {
    supplierLocation { baccount { number } locationId locationName vatZone { vismaId } }
    version userErrors { message field code }
  }
}"""
UPDATE = """
mutation($b: String!, $l: String!, $input: UpdateSupplierLocationInput!, $version: String) {
  updateSupplierLocation(baccount: $b, locationId: $l, input: $input, expectedVersion: $version) {
    supplierLocation { locationId locationName gln active }
    version userErrors { message field code }
  }
}"""
LOCATIONS = """query($n: String!) { supplier(number: $n) { locations { nodes { locationId } } } }"""


async def test_a_create_is_keyed_by_its_supplier_and_shows_under_it(gateway: Gateway) -> None:
    supplier = gateway.sim.company(COMPANY_A_TENANT).suppliers[3]["number"]
    before = await gateway.query(LOCATIONS, variables={"n": supplier})
    known = [n["locationId"] for n in before["data"]["supplier"]["locations"]["nodes"]]
    gateway.sim.reset_calls()

    result = await gateway.query(
        CREATE,
        variables={
            "input": {
                "baccountId": supplier,
                "locationId": "LAGER2",
                "locationName": "Lager Drammen",
                "vatZone": "NO",
            }
        },
    )

    assert "errors" not in result, result
    payload = result["data"]["createSupplierLocation"]
    assert payload["userErrors"] == []
    assert payload["supplierLocation"] == {
        "baccount": {"number": supplier},
        "locationId": "LAGER2",
        "locationName": "Lager Drammen",
        "vatZone": {"vismaId": "NO"},
    }
    assert gateway.writes() == [
        (
            "POST",
            "/v1/supplierlocation",
            {
                "baccountId": {"value": supplier},
                "locationId": {"value": "LAGER2"},
                "locationName": {"value": "Lager Drammen"},
                "vatZone": {"value": "NO"},
            },
            None,
        )
    ]
    # Read back by the key the input and Location give together.
    assert [c.path for c in gateway.calls() if c.method == "GET"] == [
        f"/v1/supplierlocation/{supplier}/LAGER2"
    ]
    after = await gateway.query(LOCATIONS, variables={"n": supplier})
    assert sorted(n["locationId"] for n in after["data"]["supplier"]["locations"]["nodes"]) == (
        sorted([*known, "LAGER2"])
    )


async def test_an_update_names_both_key_parts_and_sends_if_match_quoted(
    gateway: Gateway,
) -> None:
    location = gateway.sim.company(COMPANY_A_TENANT).purchasing.locations[0]
    key = {"b": location["baccount"]["number"], "l": location["locationId"]}
    first = await gateway.query(UPDATE, variables={**key, "input": {"active": False}})
    version = first["data"]["updateSupplierLocation"]["version"]
    gateway.sim.reset_calls()

    result = await gateway.query(
        UPDATE, variables={**key, "input": {"gln": "7080000000001"}, "version": version}
    )

    assert "errors" not in result, result
    payload = result["data"]["updateSupplierLocation"]
    assert payload["userErrors"] == []
    assert (payload["supplierLocation"]["gln"], payload["supplierLocation"]["active"]) == (
        "7080000000001",
        False,
    )
    assert gateway.writes() == [
        (
            "PUT",
            f"/v1/supplierlocation/{key['b']}/{key['l']}",
            {"gln": {"value": "7080000000001"}},
            f'"{version}"',
        )
    ]


async def test_a_location_id_a_supplier_has_already_is_a_user_error(gateway: Gateway) -> None:
    location = gateway.sim.company(COMPANY_A_TENANT).purchasing.locations[0]

    result = await gateway.query(
        CREATE,
        variables={
            "input": {
                "baccountId": location["baccount"]["number"],
                "locationId": location["locationId"],
            }
        },
    )

    assert "errors" not in result, result
    payload = result["data"]["createSupplierLocation"]
    assert payload["supplierLocation"] is None
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["input", "locationId"])
