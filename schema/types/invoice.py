"""The SupplierInvoice type (Visma screen AP301000)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import strawberry

from gateway.resources.supplier_invoice import SUPPLIER_INVOICE
from schema.types.common import CodeDescription
from schema.types.enums import SupplierInvoiceStatus, SupplierInvoiceType, sent
from schema.types.node import VISMA_ID, encode_id
from schema.types.references import SupplierDocument
from schema.types.values import (
    boolean,
    decimal,
    enum_value,
    integer,
    money,
    obj,
    parse_date,
    parse_datetime,
    text,
)


@strawberry.type(description="A line of a supplier invoice.")
class SupplierInvoiceLine:
    line_number: int | None
    inventory_number: str | None
    description: str | None
    quantity: Decimal | None
    uom: str | None
    unit_cost: Decimal | None
    cost: Decimal | None
    account: CodeDescription | None
    vat_code: CodeDescription | None
    project: CodeDescription | None

    @staticmethod
    def from_dto(data: dict[str, Any]) -> SupplierInvoiceLine:
        return SupplierInvoiceLine(
            line_number=integer(data.get("lineNumber")),
            inventory_number=text(data.get("inventoryNumber")),
            description=text(data.get("transactionDescription")),
            quantity=decimal(data.get("quantity")),
            uom=text(data.get("uom")),
            unit_cost=money(data.get("unitCostInCurrency", data.get("unitCost"))),
            cost=money(data.get("costInCurrency", data.get("cost"))),
            account=CodeDescription.from_dto(data.get("account")),
            vat_code=CodeDescription.from_dto(data.get("vatCode")),
            project=CodeDescription.from_dto(data.get("project")),
        )


@strawberry.type(description="A supplier invoice or other supplier ledger document.")
class SupplierInvoice(SupplierDocument):
    document_type: SupplierInvoiceType | None
    reference_number: str
    status: SupplierInvoiceStatus | None
    hold: bool | None
    date: dt.date | None
    due_date: dt.date | None
    financial_period: str | None
    amount: Decimal | None
    vat_amount: Decimal | None
    balance: Decimal | None
    currency_id: str | None
    description: str | None
    supplier_reference: str | None
    lines: list[SupplierInvoiceLine] | None

    @strawberry.field(description="Opaque, stable global id; `node(id:)` refetches the record.")
    def id(self) -> strawberry.ID:
        return encode_id(SUPPLIER_INVOICE, self._key())

    @strawberry.field(description=VISMA_ID)
    def visma_id(self) -> str:
        return "/".join(self._key())

    def _key(self) -> tuple[str, str]:
        kind = sent(self.document_type, "documentType") if self.document_type is not None else ""
        return (kind, self.reference_number)

    @staticmethod
    def from_dto(data: dict[str, Any]) -> SupplierInvoice:
        lines = data.get("invoiceLines")
        return SupplierInvoice(
            document_type=enum_value(SupplierInvoiceType, data.get("documentType")),
            reference_number=text(data.get("referenceNumber")) or "",
            status=enum_value(SupplierInvoiceStatus, data.get("status")),
            hold=boolean(data.get("hold")),
            date=parse_date(data.get("date")),
            due_date=parse_date(data.get("dueDate")),
            financial_period=text(data.get("financialPeriod")),
            amount=money(data.get("amount")),
            vat_amount=money(data.get("vatAmount")),
            balance=money(data.get("balance")),
            currency_id=text(data.get("currencyId")),
            description=text(data.get("description")),
            supplier_reference=text(data.get("supplierReference")),
            lines=[SupplierInvoiceLine.from_dto(obj(line)) for line in lines]
            if isinstance(lines, list)
            else None,
            last_modified_date_time=parse_datetime(data.get("lastModifiedDateTime")),
            time_stamp=text(data.get("timeStamp")),
            supplier_summary=obj(data.get("supplier")),
        )
