"""The PurchaseOrder type (Visma screen PO301000)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import strawberry

from gateway.resources.purchase_order import PURCHASE_ORDER
from schema.types.common import CodeDescription
from schema.types.enums import PurchaseOrderStatus, PurchaseOrderType
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


@strawberry.type(description="A line of a purchase order.")
class PurchaseOrderLine:
    line_number: int | None
    line_type: str | None
    inventory: CodeDescription | None
    description: str | None
    uom: str | None
    quantity: Decimal | None
    unit_cost: Decimal | None
    amount: Decimal | None
    promised: dt.date | None

    @staticmethod
    def from_dto(data: dict[str, Any]) -> PurchaseOrderLine:
        return PurchaseOrderLine(
            line_number=integer(data.get("lineNbr")),
            line_type=text(data.get("lineType")),
            inventory=CodeDescription.from_dto(data.get("inventory")),
            description=text(data.get("lineDescription")),
            uom=text(data.get("uom")),
            quantity=decimal(data.get("orderQty")),
            unit_cost=money(data.get("unitCost")),
            amount=money(data.get("amount")),
            promised=parse_date(data.get("promised")),
        )


@strawberry.type(description="A purchase order.")
class PurchaseOrder(SupplierDocument):
    order_type: PurchaseOrderType | None
    order_number: str
    status: PurchaseOrderStatus | None
    hold: bool | None
    date: dt.date | None
    promised_on: dt.date | None
    description: str | None
    order_total: Decimal | None
    line_total: Decimal | None
    tax_total: Decimal | None
    currency: str | None
    supplier_ref: str | None
    lines: list[PurchaseOrderLine] | None

    @strawberry.field(description="Opaque, stable global id; `node(id:)` refetches the record.")
    def id(self) -> strawberry.ID:
        return encode_id(PURCHASE_ORDER, (self.order_number,))

    @strawberry.field(description=VISMA_ID)
    def visma_id(self) -> str:
        return "/".join((self.order_number,))

    @staticmethod
    def from_dto(data: dict[str, Any]) -> PurchaseOrder:
        lines = data.get("lines")
        return PurchaseOrder(
            order_type=enum_value(PurchaseOrderType, data.get("orderType")),
            order_number=text(data.get("orderNbr")) or "",
            status=enum_value(PurchaseOrderStatus, data.get("status")),
            hold=boolean(data.get("hold")),
            date=parse_date(data.get("date")),
            promised_on=parse_date(data.get("promisedOn")),
            description=text(data.get("description")),
            order_total=money(data.get("orderTotal")),
            line_total=money(data.get("lineTotal")),
            tax_total=money(data.get("taxTotal")),
            currency=text(data.get("currency")),
            supplier_ref=text(data.get("supplierRef")),
            lines=[PurchaseOrderLine.from_dto(obj(line)) for line in lines]
            if isinstance(lines, list)
            else None,
            last_modified_date_time=parse_datetime(data.get("lastModifiedDateTime")),
            time_stamp=text(data.get("timeStamp")),
            supplier_summary=obj(data.get("supplier")),
        )
