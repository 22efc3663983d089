"""The SupplierPayment type (Visma screen AP302000)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import strawberry

from gateway.resources.supplier_invoice import SUPPLIER_INVOICE
from gateway.resources.supplier_payment import SUPPLIER_PAYMENT
from schema.context import Info
from schema.types.enums import (
    SupplierInvoiceType,
    SupplierPaymentStatus,
    SupplierPaymentType,
    sent,
)
from schema.types.invoice import SupplierInvoice
from schema.types.node import VISMA_ID, encode_id
from schema.types.references import SupplierDocument
from schema.types.values import (
    boolean,
    enum_value,
    integer,
    money,
    obj,
    parse_date,
    parse_datetime,
    text,
)


@strawberry.type(description="A currency as Visma.net nests it in a payment.")
class Currency:
    id: str | None
    description: str | None
    symbol: str | None
    decimal_precision: int | None

    @staticmethod
    def from_dto(value: Any) -> Currency | None:
        data = obj(value)
        if not data:
            return None
        return Currency(
            id=text(data.get("id")),
            description=text(data.get("description")),
            symbol=text(data.get("symbol")),
            decimal_precision=integer(data.get("decimalPrecision")),
        )


@strawberry.type(description="How much of a payment went to one invoice.")
class SupplierPaymentLine:
    document_type: SupplierInvoiceType | None
    invoice_reference_number: str | None
    amount_paid: Decimal | None
    balance: Decimal | None
    date: dt.date | None
    due_date: dt.date | None
    description: str | None

    @strawberry.field(description="The invoice this line pays.")
    async def invoice(self, info: Info) -> SupplierInvoice | None:
        if self.document_type is None or not self.invoice_reference_number:
            return None
        key = (sent(self.document_type, "documentType"), self.invoice_reference_number)
        record = await info.context.loaders.records(SUPPLIER_INVOICE).load(key)
        return None if record is None else SupplierInvoice.from_dto(record)

    @staticmethod
    def from_dto(data: dict[str, Any]) -> SupplierPaymentLine:
        return SupplierPaymentLine(
            document_type=enum_value(SupplierInvoiceType, data.get("docType")),
            invoice_reference_number=text(data.get("invoiceRefNbr")),
            amount_paid=money(data.get("amountPaid")),
            balance=money(data.get("balance")),
            date=parse_date(data.get("date")),
            due_date=parse_date(data.get("dueDate")),
            description=text(data.get("description")),
        )


@strawberry.type(description="A payment to a supplier.")
class SupplierPayment(SupplierDocument):
    type: SupplierPaymentType | None
    reference_number: str
    status: SupplierPaymentStatus | None
    hold: bool | None
    released: bool | None
    application_date: dt.date | None
    application_period: str | None
    payment_ref: str | None
    payment_method: str | None
    payment_amount: Decimal | None
    balance: Decimal | None
    unapplied_balance: Decimal | None
    currency: Currency | None
    description: str | None
    payment_lines: list[SupplierPaymentLine] | None

    @strawberry.field(description="Opaque, stable global id; `node(id:)` refetches the record.")
    def id(self) -> strawberry.ID:
        return encode_id(SUPPLIER_PAYMENT, (self.reference_number,))

    @strawberry.field(description=VISMA_ID)
    def visma_id(self) -> str:
        return "/".join((self.reference_number,))

    @staticmethod
    def from_dto(data: dict[str, Any]) -> SupplierPayment:
        lines = data.get("paymentLines")
        return SupplierPayment(
            type=enum_value(SupplierPaymentType, data.get("type")),
            reference_number=text(data.get("refNbr")) or "",
            status=enum_value(SupplierPaymentStatus, data.get("status")),
            hold=boolean(data.get("hold")),
            released=boolean(data.get("released")),
            application_date=parse_date(data.get("applicationDate")),
            application_period=text(data.get("applicationPeriod")),
            payment_ref=text(data.get("paymentRef")),
            payment_method=text(data.get("paymentMethod")),
            payment_amount=money(data.get("paymentAmount")),
            balance=money(data.get("balance")),
            unapplied_balance=money(data.get("unappliedBalance")),
            currency=Currency.from_dto(data.get("currency")),
            description=text(data.get("description")),
            payment_lines=[SupplierPaymentLine.from_dto(obj(line)) for line in lines]
            if isinstance(lines, list)
            else None,
            last_modified_date_time=parse_datetime(data.get("lastModifiedDateTime")),
            time_stamp=text(data.get("timeStamp")),
            supplier_summary=obj(data.get("supplier")),
        )
