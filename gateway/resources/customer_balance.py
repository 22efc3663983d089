"""Customer balances: GET /v1/customer/balance (answered whole), /v1/customer/{}/balance."""

from gateway.resources.customer import CUSTOMER_SUMMARY
from gateway.resources.declaration import ParentLink, Reference, Resource

CUSTOMER_BALANCE = Resource(
    name="CustomerBalance",
    kind="customerBalance",
    dto="CustomerBalanceDto",
    path="/v1/customer/balance",
    record_path="/v1/customer/{}/balance",
    key=("customer",),
    key_path=(("customer", "number"),),
    ttl=60,
    paged=False,
    plural="customerBalances",
    singular="customerBalance",
    parents=(ParentLink("Customer", "balance", ("customer", "number"), many=False),),
    references=(
        Reference(
            "customer",
            "Customer",
            (("customer", "number"),),
            inline=CUSTOMER_SUMMARY | {"internalId"},
        ),
    ),
)
