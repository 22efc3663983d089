"""Supplier classes: GET /v1/supplier/supplierClass (answered whole), .../{supplierClassId}."""

from gateway.resources.declaration import Resource

SUPPLIER_CLASS = Resource(
    name="SupplierClass",
    kind="supplierClass",
    dto="SupplierClassDto",
    path="/v1/supplier/supplierClass",
    record_path="/v1/supplier/supplierClass/{}",
    key=("id",),
    ttl=3600,
    paged=False,
    plural="supplierClasses",
    singular="supplierClass",
)
