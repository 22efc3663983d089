"""Accounts: GET /v1/account (numberToRead paging, so read whole), /v1/account/{accountCd}."""

from gateway.resources.declaration import Resource

ACCOUNT = Resource(
    name="Account",
    kind="account",
    dto="AccountDto",
    path="/v1/account",
    record_path="/v1/account/{}",
    key=("accountCD",),
    ttl=3600,
    paged=False,
    plural="accounts",
    singular="account",
)
