"""Supplier balances (``SupplierBalanceDto``) and PO balances (``SupplierPOBalanceDto``).

Both are derived from the generated documents so they agree with what the lists serve:
``balance`` is the sum of the base-currency ``balance`` of the supplier's Open documents.
"""

from __future__ import annotations

from collections.abc import Iterable

from gateway.simulator.demodata.common import AS_OF, Record, cents, money, period, supplier_ref
from gateway.simulator.demodata.orders import OPEN_STATUSES

_UNRELEASED = ("Hold", "Balanced")
_IN_APPROVAL = ("SentToApproval", "ReceivedByApproval", "InProgressApproval")


def make_balances(suppliers: list[Record], invoices: list[Record]) -> list[Record]:
    """One ``SupplierBalanceDto`` per supplier, in supplier order."""
    by_supplier = _group(invoices)
    current_period = period(AS_OF.date())
    current_year = str(AS_OF.year)
    balances = []
    for supplier in suppliers:
        docs = by_supplier.get(supplier["number"], [])
        unreleased = [d for d in docs if d["status"] in _UNRELEASED]
        booked = [d for d in docs if d["status"] != "Voided"]
        balances.append(
            {
                "supplier": supplier_ref(supplier),
                "balance": money(sum(cents(d["balance"]) for d in docs if d["status"] == "Open")),
                "unreleasedPurchasesNotInApproval": _totals(
                    d for d in unreleased if d["approvalStatus"] not in _IN_APPROVAL
                ),
                "totalSentForApproval": _totals(
                    d for d in unreleased if d["approvalStatus"] in _IN_APPROVAL
                ),
                "totalPurchaseInvoicePeriod": _totals(
                    d for d in booked if d["financialPeriod"] == current_period
                ),
                "totalPurchaseInvoiceYear": _totals(
                    d for d in booked if d["financialPeriod"].startswith(current_year)
                ),
                "lastModifiedDateTime": supplier["lastModifiedDateTime"],
            }
        )
    return balances


def make_po_balances(suppliers: list[Record], orders: list[Record]) -> list[Record]:
    """One ``SupplierPOBalanceDto`` per supplier (base currency), in supplier order."""
    by_supplier = _group(orders)
    balances = []
    for supplier in suppliers:
        docs = by_supplier.get(supplier["number"], [])
        on_hold = [o for o in docs if o["status"] == "Hold"]
        still_open = [o for o in docs if o["status"] in OPEN_STATUSES]
        closed = [o for o in docs if o["status"] == "Closed"]
        balances.append(
            {
                "supplier": supplier_ref(supplier),
                "totalPOOnHoldOrderTotal": _sum(on_hold, "orderTotalInBaseCurrency"),
                "totalPOOnHoldLineTotal": _sum(on_hold, "lineTotalInBaseCurrency"),
                "totalOpenPOOrderTotal": _sum(still_open, "orderTotalInBaseCurrency"),
                "totalOpenPOLineTotal": _sum(still_open, "lineTotalInBaseCurrency"),
                "totalClosedPOOrderTotal": _sum(closed, "orderTotalInBaseCurrency"),
                "totalClosedPOLineTotal": _sum(closed, "lineTotalInBaseCurrency"),
                "lastModifiedDateTime": supplier["lastModifiedDateTime"],
            }
        )
    return balances


def _group(documents: list[Record]) -> dict[str, list[Record]]:
    grouped: dict[str, list[Record]] = {}
    for document in documents:
        grouped.setdefault(document["supplier"]["number"], []).append(document)
    return grouped


def _totals(invoices: Iterable[Record]) -> Record:
    without_vat = 0
    vat = 0
    for invoice in invoices:
        without_vat += cents(invoice["detailTotal"])
        vat += cents(invoice["vatTotal"])
    return {"withoutVat": money(without_vat), "withVat": money(without_vat + vat)}


def _sum(documents: list[Record], field: str) -> float:
    return money(sum(cents(document[field]) for document in documents))
