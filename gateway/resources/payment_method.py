"""Payment methods: GET /v1/paymentmethod (numberToRead/skipRecords, so read whole)."""

from gateway.resources.declaration import Resource

PAYMENT_METHOD = Resource(
    name="PaymentMethod",
    kind="paymentMethod",
    dto="PaymentMethodDto",
    path="/v1/paymentmethod",
    record_path="/v1/paymentmethod/{}",
    key=("paymentMethodID",),
    ttl=3600,
    paged=False,
    plural="paymentMethods",
    singular="paymentMethod",
)
