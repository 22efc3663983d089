"""Sales orders: GET /v1/salesorder, /v1/salesorder/{orderNbr}.

The list has no customer parameter, so a customer's orders are read from the whole list,
grouped by ``customer.number``.
"""

from gateway.resources.customer import CUSTOMER_SUMMARY
from gateway.resources.declaration import (
    ParentLink,
    Reference,
    Resource,
    Writes,
    line_references,
)

SALES_ORDER = Resource(
    name="SalesOrder",
    kind="salesOrder",
    dto="SalesOrderDto",
    path="/v1/salesorder",
    record_path="/v1/salesorder/{}",
    key=("orderNo",),
    ttl=120,
    plural="salesOrders",
    singular="salesOrder",
    parents=(ParentLink("Customer", "salesOrders", ("customer", "number")),),
    references=(
        Reference(
            "customer",
            "Customer",
            (("customer", "number"),),
            inline=CUSTOMER_SUMMARY | {"internalId"},
        ),
        Reference("paymentMethod", "PaymentMethod", (("paymentMethod", "id"),)),
        Reference("branchNumber", "Branch", (("branchNumber", "number"),)),
        Reference("customerVATZone", "VatZone", (("customerVATZone", "id"),)),
        Reference("preferredWarehouse", "Warehouse", (("preferredWarehouse", "id"),)),
        *line_references(
            "SalesOrderLine",
            Reference("inventory", "InventoryItem", (("inventory", "number"),)),
            Reference("warehouse", "Warehouse", (("warehouse", "id"),)),
            Reference("branchNumber", "Branch", (("branchNumber", "number"),)),
        ),
    ),
    writes=Writes(
        "SalesOrderUpdateDto",
        required=("customer",),
        create_only=("orderType", "orderNumber"),
        key_fields=("orderNumber",),
    ),
    events=("salesorder",),
    invalidates=("customerBalance",),
    subscription="salesOrderChanged",
)
