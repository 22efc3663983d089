"""Supplier purchase order balances: GET /v1/supplier/POBalance (answered whole),
/v1/supplier/{supplierCd}/POBalance."""

from gateway.resources.declaration import ParentLink, Reference, Resource
from gateway.resources.supplier_invoice import SUPPLIER_SUMMARY

SUPPLIER_PO_BALANCE = Resource(
    name="SupplierPoBalance",
    kind="supplierPoBalance",
    dto="SupplierPOBalanceDto",
    path="/v1/supplier/POBalance",
    record_path="/v1/supplier/{}/POBalance",
    key=("supplier",),
    key_path=(("supplier", "number"),),
    ttl=60,
    paged=False,
    plural="supplierPoBalances",
    singular="supplierPoBalance",
    parents=(ParentLink("Supplier", "poBalance", ("supplier", "number"), many=False),),
    references=(
        Reference("supplier", "Supplier", (("supplier", "number"),), inline=SUPPLIER_SUMMARY),
    ),
)
