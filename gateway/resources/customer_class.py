"""Customer classes: GET /v1/customer/customerClass (answered whole), .../{customerClassId}."""

from gateway.resources.declaration import Resource

CUSTOMER_CLASS = Resource(
    name="CustomerClass",
    kind="customerClass",
    dto="CustomerClassDto",
    path="/v1/customer/customerClass",
    record_path="/v1/customer/customerClass/{}",
    key=("id",),
    ttl=3600,
    paged=False,
    plural="customerClasses",
    singular="customerClass",
)
