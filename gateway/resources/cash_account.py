"""Cash accounts: GET /v1/cashaccount (skipRecords paging, so read whole), /v1/cashaccount/{}."""

from gateway.resources.declaration import Resource

CASH_ACCOUNT = Resource(
    name="CashAccount",
    kind="cashAccount",
    dto="CashAccountDto",
    path="/v1/cashaccount",
    record_path="/v1/cashaccount/{}",
    key=("number",),
    ttl=3600,
    paged=False,
    plural="cashAccounts",
    singular="cashAccount",
)
