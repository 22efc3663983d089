"""Supplier locations: GET /v1/supplierlocation, /v1/supplierlocation/{bAccountId}/{locationId}."""

from gateway.resources.declaration import ParentLink, Reference, Resource, Writes
from gateway.resources.supplier_invoice import SUPPLIER_SUMMARY

SUPPLIER_LOCATION = Resource(
    name="SupplierLocation",
    kind="supplierLocation",
    dto="SupplierLocationDto",
    path="/v1/supplierlocation",
    record_path="/v1/supplierlocation/{}/{}",
    key=("baccount", "locationId"),
    key_path=(("baccount", "number"), ("locationId",)),
    ttl=300,
    plural="supplierLocations",
    singular="supplierLocation",
    # The list has no supplier parameter: a supplier's locations are the whole list, grouped.
    parents=(ParentLink("Supplier", "locations", ("baccount", "number")),),
    references=(
        Reference("baccount", "Supplier", (("baccount", "number"),), inline=SUPPLIER_SUMMARY),
        Reference("vatZone", "VatZone", (("vatZone", "id"),)),
    ),
    writes=Writes(
        "SupplierLocationUpdateDto",
        required=("baccountId", "locationId"),
        create_only=("baccountId", "locationId"),
        key_fields=("baccountId", "locationId"),
    ),
)
