"""Inventory items: GET /v1/inventory, /v1/inventory/{inventoryNumber}."""

from gateway.resources.declaration import Resource

INVENTORY_ITEM = Resource(
    name="InventoryItem",
    kind="inventoryItem",
    dto="InventoryDto",
    path="/v1/inventory",
    record_path="/v1/inventory/{}",
    key=("inventoryNumber",),
    ttl=300,
    plural="inventoryItems",
    singular="inventoryItem",
)
