"""Supplier invoices: GET /v1/supplierInvoice, /v1/supplierInvoice/{type}/{number}."""

from gateway.resources.declaration import (
    Alias,
    ParentLink,
    Reference,
    Resource,
    Writes,
    line_references,
)

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
        Reference("creditTerms", "CreditTerm", (("creditTerms", "id"),)),
        Reference("supplierTaxZone", "VatZone", (("supplierTaxZone", "id"),)),
        Reference("paymentMethod", "PaymentMethod", (("paymentMethod", "id"),)),
        Reference("branchNumber", "Branch", (("branchNumber", "number"),)),
        Reference("location", "SupplierLocation", (("supplier", "number"), ("location", "id"))),
        *line_references(
            "SupplierInvoiceLine",
            # Visma names the item by its number alone: the edge is a field of its own.
            Reference("inventoryItem", "InventoryItem", (("inventoryNumber",),)),
            Reference("account", "Account", (("account", "number"),)),
            Reference("subaccount", "Subaccount", (("subaccount", "subaccountNumber"),)),
            Reference("prebookAccount", "Account", (("prebookAccount", "number"),)),
            Reference(
                "prebookSubaccount", "Subaccount", (("prebookSubaccount", "subaccountNumber"),)
            ),
            Reference("vatCode", "VatCategory", (("vatCode", "id"),)),
            Reference("branchNumber", "Branch", (("branchNumber", "number"),)),
            Reference("project", "Project", (("project", "id"),)),
        ),
    ),
    writes=Writes(
        "SupplierInvoiceUpdateDto",
        required=("supplierNumber",),
        create_only=("documentType", "referenceNumber"),
        defaults=(("documentType", "Invoice"),),
    ),
    events=("supplierinvoice", "apinvoice"),
    invalidates=("supplierBalance", "supplierDocument"),
    aliases=(
        Alias("SupplierInvoice", "lines", "invoiceLines"),
        Alias("SupplierInvoiceLine", "description", "transactionDescription"),
    ),
)
