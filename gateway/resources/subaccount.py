"""Subaccounts: GET /v1/subaccount (paged), /v1/subaccount/{subAccountNumber}."""

from gateway.resources.declaration import Resource

SUBACCOUNT = Resource(
    name="Subaccount",
    kind="subaccount",
    dto="SubAccountDto",
    path="/v1/subaccount",
    record_path="/v1/subaccount/{}",
    key=("subaccountNumber",),
    ttl=3600,
    plural="subaccounts",
    singular="subaccount",
)
