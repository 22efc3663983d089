"""Supplier balances: GET /v1/supplier/balance (answered whole), /v1/supplier/{}/balance."""

from gateway.resources.declaration import ParentLink, Reference, Resource
from gateway.resources.supplier_invoice import SUPPLIER_SUMMARY

SUPPLIER_BALANCE = Resource(
    name="SupplierBalance",
    kind="supplierBalance",
    dto="SupplierBalanceDto",
    path="/v1/supplier/balance",
    record_path="/v1/supplier/{}/balance",
    key=("supplier",),
    key_path=(("supplier", "number"),),
    ttl=60,
    paged=False,
    plural="supplierBalances",
    singular="supplierBalance",
    parents=(
        ParentLink("Supplier", "balance", ("supplier", "number"), many=False, value="balance"),
    ),
    references=(
        Reference("supplier", "Supplier", (("supplier", "number"),), inline=SUPPLIER_SUMMARY),
    ),
)
