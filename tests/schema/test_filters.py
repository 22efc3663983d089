"""Filter inputs become Visma's query parameters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from gateway.errors import BadUserInput
from schema.filters import (
    DateFilter,
    DateTimeFilter,
    DecimalFilter,
    PurchaseOrderFilter,
    SupplierFilter,
    SupplierInvoiceFilter,
    SupplierPaymentFilter,
)
from schema.types.enums import (
    ComparisonOperator,
    PurchaseOrderStatus,
    SupplierInvoiceStatus,
    SupplierInvoiceType,
    SupplierPaymentType,
    SupplierStatus,
)


def test_supplier_filter() -> None:
    cet = timezone(timedelta(hours=1))
    params = SupplierFilter(
        name="Bygg",
        status=SupplierStatus.ON_HOLD,
        last_modified=DateTimeFilter(
            operator=ComparisonOperator.GREATER_THAN_OR_EQUAL,
            value=datetime(2026, 3, 1, 11, 0, tzinfo=cet),
        ),
    ).to_params()
    assert params == {
        "name": "Bygg",
        "status": "OnHold",
        "lastModifiedDateTime": "2026-03-01T10:00:00.000",
        "lastModifiedDateTimeCondition": ">=",
    }


def test_invoice_filter_names_follow_the_api() -> None:
    params = SupplierInvoiceFilter(
        supplier="10001",
        document_type=SupplierInvoiceType.INVOICE,
        status=SupplierInvoiceStatus.OPEN,
        released=True,
        financial_period="202603",
        date=DateFilter(operator=ComparisonOperator.LESS_THAN, value=date(2026, 3, 31)),
        due_date=DateFilter(operator=ComparisonOperator.GREATER_THAN, value=date(2026, 4, 1)),
        balance=DecimalFilter(operator=ComparisonOperator.GREATER_THAN, value=Decimal("0")),
        created=DateTimeFilter(
            operator=ComparisonOperator.LESS_THAN, value=datetime(2026, 1, 1, tzinfo=UTC)
        ),
    ).to_params()
    assert params == {
        "supplier": "10001",
        "documentType": "Invoice",
        "status": "Open",
        "released": "1",
        "financialPeriod": "202603",
        "docDate": "2026-03-31",
        "docDateCondition": "<",
        "dueDate": "2026-04-01",
        "dueDateCondition": ">",
        "balance": "0",
        "balanceCondition": ">",
        "createdDateTime": "2026-01-01T00:00:00.000",
        "createdDateTimeCondition": "<",
    }


def test_order_status_is_sent_as_order_status() -> None:
    params = PurchaseOrderFilter(status=PurchaseOrderStatus.OPEN, supplier="1").to_params()
    assert params == {"orderStatus": "Open", "supplier": "1"}


def test_payment_type_is_sent_as_payment_type() -> None:
    params = SupplierPaymentFilter(
        type=SupplierPaymentType.PREPAYMENT, invoice_reference_number="000123"
    ).to_params()
    assert params == {"paymentType": "Prepayment", "invoiceRefNbr": "000123"}


@pytest.mark.parametrize(
    "make",
    [
        lambda: SupplierInvoiceFilter(financial_period="2026-03"),
        lambda: SupplierInvoiceFilter(document_type=SupplierInvoiceType.VOID_CHECK),
        lambda: SupplierInvoiceFilter(
            balance=DecimalFilter(operator=ComparisonOperator.LESS_THAN, value=Decimal("NaN"))
        ),
    ],
)
def test_values_the_api_cannot_take_are_refused(make: Callable[[], SupplierInvoiceFilter]) -> None:
    with pytest.raises(BadUserInput):
        make().to_params()
