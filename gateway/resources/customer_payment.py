"""Customer payments: GET /v1/customerPayment, /v1/customerPayment/{paymentNumber}."""

from gateway.resources.customer import CUSTOMER_SUMMARY
from gateway.resources.declaration import ParentLink, Reference, Resource, Writes

CUSTOMER_PAYMENT = Resource(
    name="CustomerPayment",
    kind="customerPayment",
    dto="PaymentDto",
    path="/v1/customerPayment",
    record_path="/v1/customerPayment/{}",
    key=("refNbr",),
    ttl=120,
    plural="customerPayments",
    singular="customerPayment",
    parents=(ParentLink("Customer", "payments", ("customer", "number"), param="customer"),),
    references=(
        Reference("customer", "Customer", (("customer", "number"),), inline=CUSTOMER_SUMMARY),
        Reference("paymentMethod", "PaymentMethod", (("paymentMethod", "id"),)),
    ),
    writes=Writes(
        "PaymentUpdateDto",
        required=("customer",),
        create_only=("referenceNumber", "type"),
        key_fields=("referenceNumber",),
    ),
    # A payment settles invoices, which changes them and the customer's balance.
    invalidates=("customerInvoice", "customerBalance", "customerDocument"),
)
