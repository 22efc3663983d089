"""Supplier payments: GET /v1/supplierPayment, /v1/supplierPayment/{paymentNumber}."""

from gateway.resources.declaration import Alias, ParentLink, Reference, Resource, Writes
from gateway.resources.supplier_invoice import SUPPLIER_SUMMARY

SUPPLIER_PAYMENT = Resource(
    name="SupplierPayment",
    kind="supplierPayment",
    dto="SupplierPaymentDto",
    path="/v1/supplierPayment",
    record_path="/v1/supplierPayment/{}",
    key=("refNbr",),
    ttl=120,
    plural="supplierPayments",
    singular="supplierPayment",
    parents=(ParentLink("Supplier", "payments", ("supplier", "number"), param="supplier"),),
    references=(
        Reference("supplier", "Supplier", (("supplier", "number"),), inline=SUPPLIER_SUMMARY),
        Reference("currency", "LedgerCurrency", (("currency", "id"),)),
        Reference("location", "SupplierLocation", (("supplier", "number"), ("location", "id"))),
        Reference(
            "invoice",
            "SupplierInvoice",
            (("docType",), ("invoiceRefNbr",)),
            owner="SupplierPaymentAdjustment",
        ),
    ),
    writes=Writes(
        "SupplierPaymentUpdateDto",
        required=("supplier",),
        create_only=("type", "referenceNumber"),
        key_fields=("referenceNumber",),
    ),
    # A payment settles invoices, which changes them and the supplier's balance.
    invalidates=("supplierInvoice", "supplierBalance", "supplierDocument"),
    aliases=(
        Alias("SupplierPayment", "referenceNumber", "refNbr"),
        Alias("SupplierPaymentAdjustment", "documentType", "docType"),
        Alias("SupplierPaymentAdjustment", "invoiceReferenceNumber", "invoiceRefNbr"),
    ),
)
