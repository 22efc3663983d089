"""Inputs of supplier invoices, purchase orders and payments → their update DTOs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum

import strawberry

from schema.generated.enums import PurchaseOrderLineLineType
from schema.inputs.common import LineOperation, MutationInput
from schema.inputs.wire import DtoBuilder
from schema.types.enums import PurchaseOrderType, SupplierPaymentType


@strawberry.enum(
    description="The document types a supplier invoice is written as (the spec's "
    "SupplierInvoiceTypes, which SupplierInvoiceUpdateDto.documentType takes)."
)
class SupplierInvoiceWriteType(Enum):
    INVOICE = strawberry.enum_value("Invoice", description="Visma.net's value `Invoice`.")
    CREDIT_ADJ = strawberry.enum_value("CreditAdj", description="Visma.net's value `CreditAdj`.")
    DEBIT_ADJ = strawberry.enum_value("DebitAdj", description="Visma.net's value `DebitAdj`.")
    PREPAYMENT = strawberry.enum_value("Prepayment", description="Visma.net's value `Prepayment`.")
    REFUND = strawberry.enum_value("Refund", description="Visma.net's value `Refund`.")
    PAYMENT = strawberry.enum_value("Payment", description="Visma.net's value `Payment`.")


@strawberry.input(description="A supplier invoice line and what to do with it.")
class SupplierInvoiceLineInput:
    operation: LineOperation = LineOperation.INSERT
    line_number: int | None = strawberry.field(
        default=strawberry.UNSET, description="Required to update or delete a line."
    )
    inventory_number: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    quantity: Decimal | None = strawberry.UNSET
    uom: str | None = strawberry.UNSET
    unit_cost: Decimal | None = strawberry.UNSET
    cost: Decimal | None = strawberry.UNSET
    account_number: str | None = strawberry.UNSET
    vat_code_id: str | None = strawberry.UNSET
    project_id: str | None = strawberry.UNSET
    note: str | None = strawberry.UNSET


@strawberry.input(description="Supplier invoice fields to change; omitted fields stay as they are.")
class UpdateSupplierInvoiceInput(MutationInput):
    supplier_number: str | None = strawberry.UNSET
    hold: bool | None = strawberry.UNSET
    date: dt.datetime | None = strawberry.UNSET
    due_date: dt.datetime | None = strawberry.UNSET
    supplier_reference: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    currency_id: str | None = strawberry.UNSET
    credit_terms_id: str | None = strawberry.UNSET
    branch_number: str | None = strawberry.UNSET
    amount: Decimal | None = strawberry.UNSET
    vat_amount: Decimal | None = strawberry.UNSET
    note: str | None = strawberry.UNSET
    lines: list[SupplierInvoiceLineInput] | None = strawberry.UNSET


@strawberry.input(description="A new supplier invoice; omitted fields take Visma's defaults.")
class CreateSupplierInvoiceInput(UpdateSupplierInvoiceInput):
    document_type: SupplierInvoiceWriteType = SupplierInvoiceWriteType.INVOICE
    reference_number: str | None = strawberry.field(
        default=strawberry.UNSET, description="Visma numbers it when omitted."
    )
    supplier_number: str


def create_invoice_dto(value: CreateSupplierInvoiceInput, dto: DtoBuilder) -> None:
    """``SupplierInvoiceUpdateDto`` of a new invoice."""
    dto.value("documentType", "documentType", value.document_type, clearable=False)
    dto.value("referenceNumber", "referenceNumber", value.reference_number, clearable=False)
    invoice_dto(value, dto)


def invoice_dto(value: UpdateSupplierInvoiceInput, dto: DtoBuilder) -> None:
    """``SupplierInvoiceUpdateDto``."""
    dto.value("supplierNumber", "supplierNumber", value.supplier_number, clearable=False)
    dto.value("hold", "hold", value.hold, clearable=False)
    dto.value("date", "date", value.date, clearable=False)
    dto.value("dueDate", "dueDate", value.due_date)
    dto.value("supplierReference", "supplierReference", value.supplier_reference)
    dto.value("description", "description", value.description)
    dto.value("currencyId", "currencyId", value.currency_id, clearable=False)
    dto.value("creditTermsId", "creditTermsId", value.credit_terms_id)
    dto.value("branchNumber", "branchNumber", value.branch_number)
    dto.value("amount", "amount", value.amount, clearable=False)
    dto.value("vatAmount", "vatAmount", value.vat_amount, clearable=False)
    dto.value("note", "note", value.note)
    dto.lines("invoiceLines", "lines", value.lines, _invoice_line)


def _invoice_line(line: SupplierInvoiceLineInput, dto: DtoBuilder) -> None:
    _line_number(line.operation, line.line_number, dto)
    dto.value("inventoryNumber", "inventoryNumber", line.inventory_number)
    dto.value("transactionDescription", "description", line.description)
    dto.value("quantity", "quantity", line.quantity, clearable=False)
    dto.value("uom", "uom", line.uom)
    dto.value("unitCostInCurrency", "unitCost", line.unit_cost, clearable=False)
    dto.value("costInCurrency", "cost", line.cost, clearable=False)
    dto.value("accountNumber", "accountNumber", line.account_number)
    dto.value("vatCodeId", "vatCodeId", line.vat_code_id)
    dto.value("projectId", "projectId", line.project_id)
    dto.value("note", "note", line.note)


@strawberry.input(description="A purchase order line and what to do with it.")
class PurchaseOrderLineInput:
    operation: LineOperation = LineOperation.INSERT
    line_number: int | None = strawberry.field(
        default=strawberry.UNSET, description="Required to update or delete a line."
    )
    inventory_number: str | None = strawberry.UNSET
    line_type: PurchaseOrderLineLineType | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    uom: str | None = strawberry.UNSET
    quantity: Decimal | None = strawberry.UNSET
    unit_cost: Decimal | None = strawberry.UNSET
    warehouse: str | None = strawberry.UNSET
    requested: dt.datetime | None = strawberry.UNSET
    promised: dt.datetime | None = strawberry.UNSET
    note: str | None = strawberry.UNSET


@strawberry.input(description="Purchase order fields to change; omitted fields stay as they are.")
class UpdatePurchaseOrderInput(MutationInput):
    supplier_number: str | None = strawberry.UNSET
    hold: bool | None = strawberry.UNSET
    date: dt.datetime | None = strawberry.UNSET
    promised_on: dt.datetime | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    currency: str | None = strawberry.UNSET
    supplier_ref: str | None = strawberry.UNSET
    branch: str | None = strawberry.UNSET
    note: str | None = strawberry.UNSET
    lines: list[PurchaseOrderLineInput] | None = strawberry.UNSET


@strawberry.input(description="A new purchase order; omitted fields take Visma's defaults.")
class CreatePurchaseOrderInput(UpdatePurchaseOrderInput):
    order_type: PurchaseOrderType | None = strawberry.UNSET
    order_number: str | None = strawberry.field(
        default=strawberry.UNSET, description="Visma numbers it when omitted."
    )
    supplier_number: str


def create_order_dto(value: CreatePurchaseOrderInput, dto: DtoBuilder) -> None:
    """``PurchaseOrderUpdateDto`` of a new order."""
    dto.value("orderType", "orderType", value.order_type, clearable=False)
    dto.value("orderNumber", "orderNumber", value.order_number, clearable=False)
    order_dto(value, dto)


def order_dto(value: UpdatePurchaseOrderInput, dto: DtoBuilder) -> None:
    """``PurchaseOrderUpdateDto``."""
    dto.value("supplier", "supplierNumber", value.supplier_number, clearable=False)
    dto.value("hold", "hold", value.hold, clearable=False)
    dto.value("date", "date", value.date, clearable=False)
    dto.value("promisedOn", "promisedOn", value.promised_on)
    dto.value("description", "description", value.description)
    dto.value("currency", "currency", value.currency, clearable=False)
    dto.value("supplierRef", "supplierRef", value.supplier_ref)
    dto.value("branch", "branch", value.branch)
    dto.value("note", "note", value.note)
    dto.lines("lines", "lines", value.lines, _order_line)


def _order_line(line: PurchaseOrderLineInput, dto: DtoBuilder) -> None:
    _line_number(line.operation, line.line_number, dto)
    dto.value("inventory", "inventoryNumber", line.inventory_number)
    dto.value("lineType", "lineType", line.line_type, clearable=False)
    dto.value("lineDescription", "description", line.description)
    dto.value("uom", "uom", line.uom)
    dto.value("orderQty", "quantity", line.quantity, clearable=False)
    dto.value("unitCost", "unitCost", line.unit_cost, clearable=False)
    dto.value("warehouse", "warehouse", line.warehouse)
    dto.value("requested", "requested", line.requested)
    dto.value("promised", "promised", line.promised)
    dto.value("note", "note", line.note)


@strawberry.input(description="Which document a payment pays, and how much of it.")
class SupplierPaymentLineInput:
    operation: LineOperation = LineOperation.INSERT
    document_type: SupplierInvoiceWriteType = SupplierInvoiceWriteType.INVOICE
    invoice_reference_number: str
    amount_paid: Decimal | None = strawberry.field(
        default=strawberry.UNSET, description="The document's balance when omitted."
    )


@strawberry.input(description="A new supplier payment.")
class CreateSupplierPaymentInput(MutationInput):
    type: SupplierPaymentType | None = strawberry.UNSET
    reference_number: str | None = strawberry.UNSET
    supplier_number: str
    hold: bool | None = strawberry.UNSET
    application_date: dt.datetime | None = strawberry.UNSET
    payment_ref: str | None = strawberry.UNSET
    payment_method: str | None = strawberry.UNSET
    cash_account: str | None = strawberry.UNSET
    currency: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    payment_amount: Decimal | None = strawberry.UNSET
    branch: str | None = strawberry.UNSET
    lines: list[SupplierPaymentLineInput] | None = strawberry.UNSET


def payment_dto(value: CreateSupplierPaymentInput, dto: DtoBuilder) -> None:
    """``SupplierPaymentUpdateDto``."""
    dto.value("type", "type", value.type, clearable=False)
    dto.value("referenceNumber", "referenceNumber", value.reference_number, clearable=False)
    dto.value("supplier", "supplierNumber", value.supplier_number, clearable=False)
    dto.value("hold", "hold", value.hold, clearable=False)
    dto.value("applicationDate", "applicationDate", value.application_date, clearable=False)
    dto.value("paymentRef", "paymentRef", value.payment_ref)
    dto.value("paymentMethod", "paymentMethod", value.payment_method)
    dto.value("cashAccount", "cashAccount", value.cash_account)
    dto.value("currency", "currency", value.currency, clearable=False)
    dto.value("description", "description", value.description)
    dto.value("paymentAmount", "paymentAmount", value.payment_amount, clearable=False)
    dto.value("branch", "branch", value.branch)
    dto.lines("paymentLines", "lines", value.lines, _payment_line)


def _payment_line(line: SupplierPaymentLineInput, dto: DtoBuilder) -> None:
    dto.value("documentType", "documentType", line.document_type)
    dto.value("refNbr", "invoiceReferenceNumber", line.invoice_reference_number)
    dto.value("amountPaid", "amountPaid", line.amount_paid, clearable=False)


def _line_number(operation: LineOperation, number: int | None, dto: DtoBuilder) -> None:
    if operation is not LineOperation.INSERT:
        dto.require("lineNumber", number)
    dto.value("lineNumber", "lineNumber", number, clearable=False)
