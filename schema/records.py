"""The record type of every declared resource, built once by the engine; the four the root,
the mutations and the subscriptions name by hand are exported under their GraphQL names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gateway.resources.purchase_order import PURCHASE_ORDER
from gateway.resources.supplier import SUPPLIER
from gateway.resources.supplier_invoice import SUPPLIER_INVOICE
from gateway.resources.supplier_payment import SUPPLIER_PAYMENT
from schema.engine import record_types
from schema.filters import InvoiceFilter, OrderFilter, PaymentFilter

# A supplier's nested lists take the filters they took before the types were generated.
ENGINE_TYPES = record_types(
    {
        SUPPLIER.name: {
            "invoices": InvoiceFilter,
            "purchaseOrders": OrderFilter,
            "payments": PaymentFilter,
        }
    }
)

if TYPE_CHECKING:  # built at run time; to the type checker they are opaque
    Supplier = Any
    SupplierInvoice = Any
    PurchaseOrder = Any
    SupplierPayment = Any
else:
    Supplier = ENGINE_TYPES[SUPPLIER.name]
    SupplierInvoice = ENGINE_TYPES[SUPPLIER_INVOICE.name]
    PurchaseOrder = ENGINE_TYPES[PURCHASE_ORDER.name]
    SupplierPayment = ENGINE_TYPES[SUPPLIER_PAYMENT.name]
