"""The Supplier type and its nested lists."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry

from gateway.resources.contact_person import CONTACT_PERSON
from gateway.resources.purchase_order import PURCHASE_ORDER
from gateway.resources.supplier import SUPPLIER
from gateway.resources.supplier_balance import SUPPLIER_BALANCE
from gateway.resources.supplier_document import SUPPLIER_DOCUMENT
from gateway.resources.supplier_invoice import SUPPLIER_INVOICE
from gateway.resources.supplier_payment import SUPPLIER_PAYMENT
from schema.context import Info
from schema.filters import InvoiceFilter, OrderFilter, PaymentFilter
from schema.nested import nested_field
from schema.pagination import FILTER, After, Connection, First, nested_connection
from schema.types.common import Address, CodeDescription, Contact
from schema.types.enums import SupplierStatus
from schema.types.invoice import SupplierInvoice
from schema.types.node import VISMA_ID, Node, encode_id
from schema.types.payment import SupplierPayment
from schema.types.purchase_order import PurchaseOrder
from schema.types.values import enum_value, integer, money, obj, parse_datetime, text


@strawberry.type(description="A supplier (Visma screen AP303000).")
class Supplier(Node):
    number: str
    internal_id: int | None
    name: str | None
    status: SupplierStatus | None
    main_address: Address | None
    main_contact: Contact | None
    currency_id: str | None
    supplier_class: CodeDescription | None
    credit_terms: CodeDescription | None
    payment_method: CodeDescription | None
    vat_registration_id: str | None
    corporate_id: str | None
    account_reference: str | None
    last_modified_date_time: datetime | None
    time_stamp: str | None = strawberry.field(description="Version of the record (Visma's ETag).")
    # Declared by the children's parent links, as on engine-built types.
    contacts = nested_field(SUPPLIER, CONTACT_PERSON, lambda root: root.number)
    documents = nested_field(SUPPLIER, SUPPLIER_DOCUMENT, lambda root: root.number)

    @strawberry.field(description="Opaque, stable global id; `node(id:)` refetches the record.")
    def id(self) -> strawberry.ID:
        return encode_id(SUPPLIER, (self.number,))

    @strawberry.field(description=VISMA_ID)
    def visma_id(self) -> str:
        return "/".join((self.number,))

    @staticmethod
    def from_dto(data: dict[str, Any]) -> Supplier:
        return Supplier(
            number=text(data.get("number")) or "",
            internal_id=integer(data.get("internalId")),
            name=text(data.get("name")),
            status=enum_value(SupplierStatus, data.get("status")),
            main_address=Address.from_dto(data.get("mainAddress")),
            main_contact=Contact.from_dto(data.get("mainContact")),
            currency_id=text(data.get("currencyId")),
            supplier_class=CodeDescription.from_dto(data.get("supplierClass")),
            credit_terms=CodeDescription.from_dto(data.get("creditTerms")),
            payment_method=CodeDescription.from_dto(data.get("paymentMethod")),
            vat_registration_id=text(data.get("vatRegistrationId")),
            corporate_id=text(data.get("corporateId")),
            account_reference=text(data.get("accountReference")),
            last_modified_date_time=parse_datetime(data.get("lastModifiedDateTime")),
            time_stamp=text(data.get("timeStamp")),
        )

    @strawberry.field(description="Open balance owed to the supplier (its balance endpoint).")
    async def balance(self, info: Info) -> Decimal | None:
        record = await info.context.loaders.records(SUPPLIER_BALANCE).load((self.number,))
        return money(obj(record).get("balance"))

    @strawberry.field(description="The supplier's invoices and other ledger documents.")
    async def invoices(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[InvoiceFilter | None, FILTER] = None,
    ) -> Connection[SupplierInvoice] | None:
        params = filter.to_params() if filter else {}
        return await nested_connection(
            info,
            SUPPLIER_INVOICE,
            SUPPLIER_INVOICE.parents[0],
            params,
            self.number,
            first,
            after,
            SupplierInvoice.from_dto,
        )

    @strawberry.field(description="The supplier's purchase orders.")
    async def purchase_orders(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[OrderFilter | None, FILTER] = None,
    ) -> Connection[PurchaseOrder] | None:
        params = filter.to_params() if filter else {}
        return await nested_connection(
            info,
            PURCHASE_ORDER,
            PURCHASE_ORDER.parents[0],
            params,
            self.number,
            first,
            after,
            PurchaseOrder.from_dto,
        )

    @strawberry.field(description="Payments made to the supplier.")
    async def payments(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[PaymentFilter | None, FILTER] = None,
    ) -> Connection[SupplierPayment] | None:
        params = filter.to_params() if filter else {}
        return await nested_connection(
            info,
            SUPPLIER_PAYMENT,
            SUPPLIER_PAYMENT.parents[0],
            params,
            self.number,
            first,
            after,
            SupplierPayment.from_dto,
        )
