"""Suppliers: GET /v1/supplier, /v1/supplier/{supplierCd}."""

from gateway.resources.declaration import Alias, Reference, Resource

SUPPLIER = Resource(
    name="Supplier",
    kind="supplier",
    dto="SupplierDto",
    path="/v1/supplier",
    record_path="/v1/supplier/{}",
    key=("number",),
    ttl=300,
    plural="suppliers",
    singular="supplier",
    # Visma names the currency by its id alone: the edge is a field of its own.
    references=(Reference("currency", "LedgerCurrency", (("currencyId",),)),),
    events=("supplier",),
    invalidates=("supplierBalance",),
    aliases=(
        Alias("CountryInAddress", "description", "name"),
        Alias("CountyInAddress", "description", "name"),
    ),
)
