"""One company's receivable side: customers and the documents they owe, with their lookups."""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass

from gateway.simulator.demodata.catalog import CompanyProfile
from gateway.simulator.demodata.common import AS_OF, Record, cents, money, period
from gateway.simulator.demodata.customers import (
    customer_classes,
    make_customer_contacts,
    make_customers,
)
from gateway.simulator.demodata.receivables import make_invoices, make_payments
from gateway.simulator.demodata.sales_orders import make_order_types, make_sales_orders
from gateway.simulator.timeformat import read_stamp

_SEED_SALT = 0x43_55_53_54  # keeps these draws apart from every other sequence of the company
# Documents not (or no longer) on the customer's account.
_NOT_BOOKED = ("Hold", "Balanced", "Voided")
_OPEN_ORDERS = ("Open", "Hold", "BackOrder", "Shipping", "CreditHold", "PendingApproval")
_DOCUMENT_FIELDS = (
    "documentDueDate",
    "customer",
    "documentType",
    "referenceNumber",
    "postPeriod",
    "financialPeriod",
    "documentDate",
    "status",
    "currencyId",
    "amount",
    "amountInCurrency",
    "balance",
    "balanceInCurrency",
    "cashDiscount",
    "cashDiscountInCurrency",
    "paymentMethod",
    "customerRefNumber",
    "invoiceText",
    "lastModifiedDateTime",
    "createdDateTime",
    "vatTotal",
    "vatTotalInCurrency",
    "location",
    "branchNumber",
    "project",
    "account",
)


@dataclass(frozen=True)
class ReceivablesBook:
    """Records as served, each list in the API's order (customers by number, invoices and
    documents by reference number, payments by refNbr, orders by order number)."""

    customer_classes: list[Record]
    customers: list[Record]
    contacts: list[Record]
    invoices: list[Record]
    payments: list[Record]
    order_types: list[Record]
    sales_orders: list[Record]
    balances: list[Record]
    documents: list[Record]


def make_receivables_book(
    profile: CompanyProfile, ledger: dict[str, list[Record]], projects: list[Record]
) -> ReceivablesBook:
    """Generate the book from the company's own seed, so no other record changes."""
    rng = random.Random(profile.seed ^ _SEED_SALT)
    classes = customer_classes(profile)
    customers = make_customers(rng, profile, projects, classes)
    invoices = make_invoices(rng, profile, customers, projects, ledger)
    payments = make_payments(rng, profile, invoices)
    orders = make_sales_orders(rng, profile, customers, projects)
    return ReceivablesBook(
        customer_classes=classes,
        customers=customers,
        contacts=make_customer_contacts(profile, customers),
        invoices=invoices,
        payments=payments,
        order_types=make_order_types(),
        sales_orders=orders,
        balances=make_customer_balances(customers, invoices, payments, orders),
        documents=make_customer_documents(invoices, payments),
    )


def make_customer_balances(
    customers: list[Record],
    invoices: list[Record],
    payments: list[Record],
    orders: list[Record],
) -> list[Record]:
    """``CustomerBalanceDto`` per customer, in base currency: the open balance of its
    released documents (credit notes and what released payments left unapplied count
    against it), its open orders, and its sales of the export's period and year."""
    balance: dict[str, int] = {}
    sales_period: dict[str, int] = {}
    sales_year: dict[str, int] = {}
    touched: dict[str, str] = {}
    this_period = period(AS_OF.date())
    for invoice in invoices:
        if invoice["status"] in _NOT_BOOKED:
            continue
        number = invoice["customer"]["number"]
        sign = -1 if invoice["documentType"] == "CreditNote" else 1
        balance[number] = balance.get(number, 0) + sign * cents(invoice["balance"])
        net = sign * (cents(invoice["amount"]) - cents(invoice["vatTotal"]))
        if invoice["financialPeriod"] == this_period:
            sales_period[number] = sales_period.get(number, 0) + net
        if invoice["financialPeriod"][:4] == this_period[:4]:
            sales_year[number] = sales_year.get(number, 0) + net
        stamp = invoice["lastModifiedDateTime"]
        if number not in touched or read_stamp(stamp) > read_stamp(touched[number]):
            touched[number] = stamp
    for payment in payments:
        if payment["status"] not in _NOT_BOOKED:
            number = payment["customer"]["number"]
            balance[number] = balance.get(number, 0) - cents(payment["availableBalance"])
    ordered: dict[str, int] = {}
    for order in orders:
        if order["status"] in _OPEN_ORDERS and order["orderType"] != "QT":
            number = order["customer"]["number"]
            ordered[number] = ordered.get(number, 0) + cents(order["orderTotalInBaseCurrency"])
    return [
        {
            "customer": {
                "internalId": customer["internalId"],
                "number": customer["number"],
                "name": customer["name"],
            },
            "balance": money(balance.get(customer["number"], 0)),
            "totalOrder": money(ordered.get(customer["number"], 0)),
            "totalLoan": 0.0,
            "totalSalePeriod": money(sales_period.get(customer["number"], 0)),
            "totalSaleYear": money(sales_year.get(customer["number"], 0)),
            "totalDiscountPeriod": 0.0,
            "totalDiscountYear": 0.0,
            "lastModified": touched.get(customer["number"], customer["lastModifiedDateTime"]),
        }
        for customer in customers
    ]


def make_customer_documents(invoices: list[Record], payments: list[Record]) -> list[Record]:
    """``CustomerDocumentDto`` for every invoice and payment, in ``document_order``."""
    documents = [*map(invoice_document, invoices), *map(payment_document, payments)]
    return sorted(documents, key=document_order)


def document_order(document: Record) -> tuple[str, str]:
    """Documents are listed by reference number; a number names one document per type."""
    return str(document["referenceNumber"]), str(document["documentType"])


def invoice_document(invoice: Record) -> Record:
    """The ``CustomerDocumentDto`` of a customer invoice (or credit or debit note)."""
    document = {name: invoice.get(name) for name in _DOCUMENT_FIELDS}
    branch = invoice.get("branchNumber")
    document["branch"] = dict(branch) if branch is not None else None
    return _given(document)


def payment_document(payment: Record) -> Record:
    """The ``CustomerDocumentDto`` of a customer payment: what it left unapplied is its
    balance."""
    return _given(
        {
            "documentDueDate": payment["applicationDate"],
            "customer": dict(payment["customer"]),
            "documentType": payment["type"],
            "referenceNumber": payment["refNbr"],
            "postPeriod": payment.get("applicationPeriod"),
            "financialPeriod": payment.get("applicationPeriod"),
            "documentDate": payment["applicationDate"],
            "status": payment["status"],
            "currencyId": payment["currency"],
            "amount": payment["paymentAmount"],
            "amountInCurrency": payment.get("paymentAmountInCurrency"),
            "balance": payment.get("availableBalance"),
            "balanceInCurrency": payment.get("availableBalanceInCurrency"),
            "paymentMethod": payment.get("paymentMethod"),
            "invoiceText": payment.get("invoiceText"),
            "lastModifiedDateTime": payment["lastModifiedDateTime"],
            "location": payment.get("location"),
            "cashAccount": payment.get("cashAccount"),
        }
    )


def _given(document: Record) -> Record:
    """The document without the fields its record leaves out (Visma omits them, not nulls)."""
    return {name: copy.deepcopy(value) for name, value in document.items() if value is not None}
