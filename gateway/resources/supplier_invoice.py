"""Supplier invoices: GET /v1/supplierInvoice, /v1/supplierInvoice/{type}/{number}."""

from gateway.resources.declaration import Alias, ParentLink, Reference, Resource

SUPPLIER_SUMMARY = frozenset({"number", "name", "internalId", "__typename"})

SUPPLIER_INVOICE = Resource(
    name="SupplierInvoice",
    kind="supplierInvoice",
    dto="SupplierInvoiceDto",
    path="/v1/supplierInvoice",
    record_path="/v1/supplierInvoice/{}/{}",
    key=("documentType", "referenceNumber"),
    ttl=120,
    plural="supplierInvoices",
    singular="supplierInvoice",
    parents=(ParentLink("Supplier", "invoices", ("supplier", "number"), param="supplier"),),
    references=(
        Reference("currency", "LedgerCurrency", (("currencyId",),)),
        Reference("supplier", "Supplier", (("supplier", "number"),), inline=SUPPLIER_SUMMARY),
    ),
    events=("supplierinvoice", "apinvoice"),
    invalidates=("supplierBalance", "supplierDocument"),
    aliases=(
        Alias("SupplierInvoice", "lines", "invoiceLines"),
        Alias("SupplierInvoiceLine", "description", "transactionDescription"),
        Alias("AccountInSupplierInvoiceLine", "id", "number"),
    ),
)
