"""Every declared resource, one line each; the gateway's resource tables are read from here."""

from __future__ import annotations

from gateway.resources.account import ACCOUNT
from gateway.resources.branch import BRANCH
from gateway.resources.cash_account import CASH_ACCOUNT
from gateway.resources.contact_person import CONTACT_PERSON
from gateway.resources.country import COUNTRY
from gateway.resources.credit_term import CREDIT_TERM
from gateway.resources.customer import CUSTOMER
from gateway.resources.customer_balance import CUSTOMER_BALANCE
from gateway.resources.customer_class import CUSTOMER_CLASS
from gateway.resources.customer_document import CUSTOMER_DOCUMENT
from gateway.resources.customer_invoice import CUSTOMER_INVOICE
from gateway.resources.customer_payment import CUSTOMER_PAYMENT
from gateway.resources.declaration import Resource
from gateway.resources.financial_period import FINANCIAL_PERIOD
from gateway.resources.inventory_item import INVENTORY_ITEM
from gateway.resources.ledger_currency import LEDGER_CURRENCY
from gateway.resources.payment_method import PAYMENT_METHOD
from gateway.resources.project import PROJECT
from gateway.resources.project_task import PROJECT_TASK
from gateway.resources.purchase_order import PURCHASE_ORDER
from gateway.resources.purchase_receipt import PURCHASE_RECEIPT
from gateway.resources.sales_order import SALES_ORDER
from gateway.resources.subaccount import SUBACCOUNT
from gateway.resources.supplier import SUPPLIER
from gateway.resources.supplier_balance import SUPPLIER_BALANCE
from gateway.resources.supplier_class import SUPPLIER_CLASS
from gateway.resources.supplier_document import SUPPLIER_DOCUMENT
from gateway.resources.supplier_invoice import SUPPLIER_INVOICE
from gateway.resources.supplier_location import SUPPLIER_LOCATION
from gateway.resources.supplier_payment import SUPPLIER_PAYMENT
from gateway.resources.supplier_po_balance import SUPPLIER_PO_BALANCE
from gateway.resources.unit_of_measure import UNIT_OF_MEASURE
from gateway.resources.vat_category import VAT_CATEGORY
from gateway.resources.vat_zone import VAT_ZONE
from gateway.resources.warehouse import WAREHOUSE

RESOURCES: tuple[Resource, ...] = (
    SUPPLIER,
    SUPPLIER_BALANCE,
    SUPPLIER_PO_BALANCE,
    SUPPLIER_INVOICE,
    PURCHASE_ORDER,
    SUPPLIER_PAYMENT,
    ACCOUNT,
    SUBACCOUNT,
    CASH_ACCOUNT,
    BRANCH,
    LEDGER_CURRENCY,
    PAYMENT_METHOD,
    VAT_CATEGORY,
    VAT_ZONE,
    COUNTRY,
    FINANCIAL_PERIOD,
    SUPPLIER_CLASS,
    PROJECT,
    INVENTORY_ITEM,
    WAREHOUSE,
    SUPPLIER_LOCATION,
    PURCHASE_RECEIPT,
    CUSTOMER,
    CUSTOMER_BALANCE,
    CUSTOMER_INVOICE,
    CUSTOMER_PAYMENT,
    SALES_ORDER,
    CUSTOMER_CLASS,
    PROJECT_TASK,
    CONTACT_PERSON,
    CREDIT_TERM,
    UNIT_OF_MEASURE,
    SUPPLIER_DOCUMENT,
    CUSTOMER_DOCUMENT,
)

BY_NAME: dict[str, Resource] = {r.name: r for r in RESOURCES}
BY_KIND: dict[str, Resource] = {r.kind: r for r in RESOURCES}
