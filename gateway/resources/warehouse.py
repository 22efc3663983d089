"""Warehouses: GET /v1/warehouse (answered whole), /v1/warehouse/{warehouseID}."""

from gateway.resources.declaration import Resource

WAREHOUSE = Resource(
    name="Warehouse",
    kind="warehouse",
    dto="WarehouseDto",
    path="/v1/warehouse",
    record_path="/v1/warehouse/{}",
    key=("warehouseID",),
    ttl=300,
    paged=False,
    plural="warehouses",
    singular="warehouse",
)
