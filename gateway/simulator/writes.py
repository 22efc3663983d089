"""The write routes: which method and path a write handler answers, and the scope it needs."""

from __future__ import annotations

from collections.abc import Sequence

from gateway.simulator.paths import PathPattern
from gateway.simulator.tokens import CREATE_SCOPES, UPDATE_SCOPES
from gateway.simulator.write_contacts import create_contact, update_contact
from gateway.simulator.write_customer_invoices import (
    attach_invoice_file as attach_customer_invoice_file,
)
from gateway.simulator.write_customer_invoices import (
    correct_invoice as correct_customer_invoice,
)
from gateway.simulator.write_customer_invoices import (
    create_invoice as create_customer_invoice,
)
from gateway.simulator.write_customer_invoices import (
    release_invoice as release_customer_invoice,
)
from gateway.simulator.write_customer_invoices import (
    reverse_invoice as reverse_customer_invoice,
)
from gateway.simulator.write_customer_invoices import (
    update_invoice as update_customer_invoice,
)
from gateway.simulator.write_customer_payments import (
    create_payment as create_customer_payment,
)
from gateway.simulator.write_customer_payments import (
    release_payment as release_customer_payment,
)
from gateway.simulator.write_customer_payments import (
    update_payment as update_customer_payment,
)
from gateway.simulator.write_customer_payments import void_payment as void_customer_payment
from gateway.simulator.write_customers import create_customer, update_customer
from gateway.simulator.write_invoices import (
    attach_invoice_file,
    correct_invoice,
    create_invoice,
    prebook_invoice,
    release_invoice,
    reverse_invoice,
    send_invoice_to_approval,
    update_invoice,
    void_invoice,
)
from gateway.simulator.write_locations import create_location, update_location
from gateway.simulator.write_orders import create_order, update_order
from gateway.simulator.write_payments import create_payment, release_payment, update_payment
from gateway.simulator.write_receipts import create_receipt, release_receipt, update_receipt
from gateway.simulator.write_sales_orders import attach_order_file as attach_sales_order_file
from gateway.simulator.write_sales_orders import cancel_order as cancel_sales_order
from gateway.simulator.write_sales_orders import create_order as create_sales_order
from gateway.simulator.write_sales_orders import update_order as update_sales_order
from gateway.simulator.write_suppliers import create_supplier, update_supplier
from gateway.simulator.writecall import WriteHandler

WRITE_ROUTES: tuple[tuple[str, PathPattern, WriteHandler, frozenset[str]], ...] = (
    ("POST", PathPattern("v1/supplier"), create_supplier, CREATE_SCOPES),
    ("PUT", PathPattern("v1/supplier/{supplierCd}"), update_supplier, UPDATE_SCOPES),
    ("POST", PathPattern("v1/customer"), create_customer, CREATE_SCOPES),
    ("PUT", PathPattern("v1/customer/{customerCd}"), update_customer, UPDATE_SCOPES),
    ("POST", PathPattern("v1/customerinvoice"), create_customer_invoice, CREATE_SCOPES),
    (
        "PUT",
        PathPattern("v1/customerinvoice/{invoiceNumber}"),
        update_customer_invoice,
        UPDATE_SCOPES,
    ),
    (
        "POST",
        PathPattern("v1/customerinvoice/{invoiceNumber}/action/release"),
        release_customer_invoice,
        UPDATE_SCOPES,
    ),
    *(
        (
            "POST",
            PathPattern(f"v1/customerinvoice/{{invoiceNumber}}/action/{verb}"),
            handler,
            UPDATE_SCOPES,
        )
        for verb, handler in (
            ("reverse", reverse_customer_invoice),
            ("correct", correct_customer_invoice),
        )
    ),
    (
        "POST",
        PathPattern("v1/customerinvoice/{invoiceNumber}/attachment"),
        attach_customer_invoice_file,
        UPDATE_SCOPES,
    ),
    (
        "POST",
        PathPattern("v1/salesorder/{orderNumber}/attachment"),
        attach_sales_order_file,
        UPDATE_SCOPES,
    ),
    ("POST", PathPattern("v1/salesorder"), create_sales_order, CREATE_SCOPES),
    ("PUT", PathPattern("v1/salesorder/{orderNbr}"), update_sales_order, UPDATE_SCOPES),
    (
        "POST",
        PathPattern("v1/salesorder/{saleOrderNumber}/action/cancelSalesOrder"),
        cancel_sales_order,
        UPDATE_SCOPES,
    ),
    ("POST", PathPattern("v1/customerPayment"), create_customer_payment, CREATE_SCOPES),
    (
        "PUT",
        PathPattern("v1/customerPayment/{paymentNumber}"),
        update_customer_payment,
        UPDATE_SCOPES,
    ),
    (
        "POST",
        PathPattern("v1/customerPayment/{paymentNumber}/action/release"),
        release_customer_payment,
        UPDATE_SCOPES,
    ),
    (
        "POST",
        PathPattern("v1/customerPayment/{paymentNumber}/action/void"),
        void_customer_payment,
        UPDATE_SCOPES,
    ),
    ("POST", PathPattern("v1/contact"), create_contact, CREATE_SCOPES),
    ("PUT", PathPattern("v1/contact/{contactId}"), update_contact, UPDATE_SCOPES),
    ("POST", PathPattern("v1/PurchaseReceipt"), create_receipt, CREATE_SCOPES),
    ("PUT", PathPattern("v1/PurchaseReceipt/{receiptNumber}"), update_receipt, UPDATE_SCOPES),
    (
        "POST",
        PathPattern("v1/PurchaseReceipt/{receiptNumber}/action/release"),
        release_receipt,
        UPDATE_SCOPES,
    ),
    ("POST", PathPattern("v1/supplierlocation"), create_location, CREATE_SCOPES),
    (
        "PUT",
        PathPattern("v1/supplierlocation/{bAccountId}/{locationId}"),
        update_location,
        UPDATE_SCOPES,
    ),
    ("POST", PathPattern("v1/supplierInvoice"), create_invoice, CREATE_SCOPES),
    (
        "PUT",
        PathPattern("v1/supplierInvoice/{documentType}/{invoiceNumber}"),
        update_invoice,
        UPDATE_SCOPES,
    ),
    (
        "POST",
        PathPattern("v1/supplierInvoice/{documentType}/{invoiceNumber}/action/release"),
        release_invoice,
        UPDATE_SCOPES,
    ),
    *(
        (
            "POST",
            PathPattern(f"v1/supplierInvoice/{{documentType}}/{{invoiceNumber}}/action/{verb}"),
            handler,
            UPDATE_SCOPES,
        )
        for verb, handler in (
            ("sendtoapproval", send_invoice_to_approval),
            ("prebook", prebook_invoice),
            ("voidinvoice", void_invoice),
            ("reverse", reverse_invoice),
        )
    ),
    (
        "POST",
        PathPattern("v1/supplierInvoice/{invoiceNumber}/action/correct"),
        correct_invoice,
        UPDATE_SCOPES,
    ),
    (
        "POST",
        PathPattern("v1/supplierInvoice/documentType/{documentType}/{invoiceNumber}/attachment"),
        attach_invoice_file,
        UPDATE_SCOPES,
    ),
    ("POST", PathPattern("v1/purchaseorder"), create_order, CREATE_SCOPES),
    ("PUT", PathPattern("v1/purchaseorder/{purchaseOrderNumber}"), update_order, UPDATE_SCOPES),
    ("POST", PathPattern("v1/supplierPayment"), create_payment, CREATE_SCOPES),
    ("PUT", PathPattern("v1/supplierPayment/{paymentNumber}"), update_payment, UPDATE_SCOPES),
    (
        "POST",
        PathPattern("v1/supplierPayment/{paymentNumber}/action/release"),
        release_payment,
        UPDATE_SCOPES,
    ),
)


def find_write(
    method: str, segments: Sequence[str]
) -> tuple[WriteHandler, dict[str, str], frozenset[str]] | None:
    """The handler, path values and required scopes of a write request, or None."""
    for route_method, pattern, handler, scopes in WRITE_ROUTES:
        if route_method != method:
            continue
        values = pattern.match(segments)
        if values is not None:
            return handler, values, scopes
    return None
