"""Customer invoices: GET /v1/customerinvoice, /v1/customerinvoice/{invoiceNumber}."""

from gateway.resources.customer import CUSTOMER_SUMMARY
from gateway.resources.declaration import (
    ParentLink,
    Reference,
    Resource,
    Writes,
    line_references,
)

CUSTOMER_INVOICE = Resource(
    name="CustomerInvoice",
    kind="customerInvoice",
    dto="CustomerInvoiceDto",
    path="/v1/customerinvoice",
    record_path="/v1/customerinvoice/{}",
    key=("referenceNumber",),
    ttl=120,
    plural="customerInvoices",
    singular="customerInvoice",
    parents=(ParentLink("Customer", "invoices", ("customer", "number"), param="customer"),),
    references=(
        Reference("currency", "LedgerCurrency", (("currencyId",),)),
        Reference("creditTerms", "CreditTerm", (("creditTerms", "id"),)),
        Reference("customer", "Customer", (("customer", "number"),), inline=CUSTOMER_SUMMARY),
        Reference("paymentMethod", "PaymentMethod", (("paymentMethod", "id"),)),
        Reference("branchNumber", "Branch", (("branchNumber", "number"),)),
        Reference("project", "Project", (("project", "id"),)),
        Reference("account", "Account", (("account", "number"),)),
        Reference("subaccount", "Subaccount", (("subaccount", "subaccountNumber"),)),
        Reference("customerVatZone", "VatZone", (("customerVatZone", "id"),)),
        *line_references(
            "CustomerInvoiceLine",
            # Visma names the item by its number alone: the edge is a field of its own.
            Reference("inventoryItem", "InventoryItem", (("inventoryNumber",),)),
            Reference("account", "Account", (("account", "number"),)),
            Reference("subaccount", "Subaccount", (("subaccount", "subaccountNumber"),)),
            Reference("branchNumber", "Branch", (("branchNumber", "number"),)),
        ),
    ),
    writes=Writes(
        "CustomerInvoiceUpdateDto",
        required=("customerNumber",),
        create_only=("referenceNumber",),
        key_fields=("referenceNumber",),
    ),
    events=("customerinvoice", "arinvoice"),
    invalidates=("customerBalance", "customerDocument"),
    subscription="customerInvoiceStatusChanged",
)
