"""Documents derived from the existing ledgers: purchase receipts for the received orders,
the supplier-document view of invoices and payments, and the scanned invoice attachments.

Receipts copy what their order says (lines, quantities, costs, project, warehouse); every
closed order gets the receipt its ``purchaseReceipts`` entry names.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from datetime import timedelta

from gateway.simulator.demodata.catalog import CompanyProfile
from gateway.simulator.demodata.common import Record, cents, convert, money, period, row_version
from gateway.simulator.demodata.pricing import market_of
from gateway.simulator.timeformat import document_date, read_stamp

# SupplierDocumentDto names payments as checks.
_PAYMENT_DOCUMENT_TYPES = {
    "Payment": "Check",
    "Prepayment": "Prepayment",
    "DebitAdj": "DebitAdj",
    "Refund": "Refund",
    "VoidPayment": "VoidCheck",
    "VoidRefund": "VoidCheck",
}
ATTACHMENT_SHARE = 80  # percent of released invoices with a scanned original
_IN_APPROVAL = ("SentToApproval", "InProgressApproval", "RejectedInApproval")
_REJECTION = "Amount does not match the order; ask the supplier for a credit note."


def make_receipts(rng: random.Random, orders: list[Record]) -> list[Record]:
    """``PurchaseReceiptDto`` for every receipt the orders name, ordered by receipt number."""
    receipts = [
        _receipt(rng, order, entry)
        for order in orders
        for entry in order.get("purchaseReceipts", [])
    ]
    return sorted(receipts, key=lambda r: str(r["receiptNbr"]))


def _receipt(rng: random.Random, order: Record, entry: Record) -> Record:
    received = read_stamp(order["lastModifiedDateTime"]).date()
    lines = [_receipt_line(line, order) for line in order["lines"]]
    warehouses = [line["warehouse"] for line in order["lines"] if "warehouse" in line]
    exempt = sum(cents(line["amount"]) for line in order["lines"] if _exempt(line))
    total = cents(order["lineTotal"])
    record: Record = {
        "timeStamp": row_version(rng),
        "receiptType": entry["type"],
        "receiptNbr": entry["receiptNumber"],
        "hold": False,
        "status": entry["status"],
        "date": document_date(received),
        "postPeriod": period(received),
    }
    if warehouses:
        record["warehouse"] = dict(warehouses[0])
    record |= {
        "supplier": dict(order["supplier"]),
        "currency": order["currency"],
        "exchangeRate": order["exchangeRate"],
        "createBill": True,
        "supplierRef": f"FS{entry['receiptNumber'][2:]}-{rng.randrange(100, 1000)}",
        "totalQty": entry["totalQty"],
        "controlQty": entry["totalQty"],
        "vatExemptTotal": money(exempt),
        "vatTaxableTotal": money(total - exempt),
        "totalAmt": entry["totalAmt"],
        "controlTotal": entry["totalAmt"],
        "lastModifiedDateTime": order["lastModifiedDateTime"],
        "branchNumber": dict(order["branch"]),
        "lines": lines,
        "dueDate": document_date(received + timedelta(days=30)),
    }
    return record


def _exempt(line: Record) -> bool:
    return line["taxCategory"]["number"] in ("86", "EUINK", "IMPORT")


def _receipt_line(line: Record, order: Record) -> Record:
    record: Record = {
        "lineNbr": line["lineNbr"],
        "branch": dict(line["branch"]),
        "branchNumber": dict(line["branch"]),
        "inventory": dict(line["inventory"]),
        "lineType": line["lineType"],
    }
    if "warehouse" in line:
        record["warehouse"] = dict(line["warehouse"])
    record |= {
        "transactionDescription": line["lineDescription"],
        "uom": line["uom"],
        "orderQty": line["orderQty"],
        "openQty": 0.0,
        "receiptQty": line["orderQty"],
        "unitCost": line["unitCost"],
        "extCost": line["extCost"],
        "discountPercent": line["discountPercent"],
        "discountAmount": line["discountAmount"],
        "manualDiscount": line["manualDiscount"],
        "amount": line["amount"],
        "taxCategory": dict(line["taxCategory"]),
        "account": dict(line["account"]),
        "accountDescription": line["account"]["description"],
    }
    for name in ("project", "projectTask"):
        if name in line:
            record[name] = dict(line[name])
    record |= {
        "poOrderType": order["orderType"],
        "poOrderNbr": order["orderNbr"],
        "poOrderLineNbr": line["lineNbr"],
        "completePoLine": True,
    }
    return record


def make_documents(
    profile: CompanyProfile,
    suppliers: list[Record],
    invoices: list[Record],
    payments: list[Record],
) -> list[Record]:
    """``SupplierDocumentDto`` for every invoice and payment, ordered by reference number."""
    by_number = {str(s["number"]): s for s in suppliers}
    account = {
        "type": profile.supplier_account.type,
        "active": True,
        "number": profile.supplier_account.number,
        "description": profile.supplier_account.description,
    }
    branches = {code.id: code.description for code in profile.branches}
    documents = [_from_invoice(invoice, account) for invoice in invoices]
    for payment in payments:
        supplier = by_number[str(payment["supplier"]["number"])]
        rate = market_of(profile, supplier).rate_millis
        branch = {"number": payment["branch"], "name": branches[payment["branch"]]}
        record = _from_payment(payment, account, rate, branch)
        record["paymentMethod"] = dict(supplier["paymentMethod"])
        documents.append(record)
    return sorted(documents, key=lambda d: str(d["referenceNumber"]))


def _from_invoice(invoice: Record, account: Record) -> Record:
    rate = round(invoice["exchangeRate"] * 1000)
    record: Record = {
        "account": dict(account),
        "amount": money(convert(cents(invoice["amount"]), rate)),
        "amountInCurrency": invoice["amount"],
        "branch": dict(invoice["branchNumber"]),
        "supplier": dict(invoice["supplier"]),
    }
    for name in (
        "documentType", "referenceNumber", "postPeriod", "financialPeriod", "date",
        "origInvoiceDate", "dueDate", "approvalStatus", "status", "currencyId", "balance",
        "balanceInCurrency", "cashDiscount", "cashDiscountInCurrency", "paymentMethod",
        "supplierReference", "description", "createdDateTime", "lastModifiedDateTime",
        "closedFinancialPeriod", "location", "vatTotal", "vatTotalInCurrency", "branchNumber",
        "payDate", "cashAccount", "timeStamp",
    ):  # fmt: skip
        if name in invoice:
            value = invoice[name]
            record[name] = dict(value) if isinstance(value, dict) else value
    return record


def _from_payment(payment: Record, account: Record, rate: int, branch: Record) -> Record:
    amount = cents(payment["paymentAmount"])
    balance = cents(payment["balance"])
    record: Record = {
        "account": dict(account),
        "amount": money(convert(amount, rate)),
        "amountInCurrency": money(amount),
        "branch": branch,
        "supplier": dict(payment["supplier"]),
        "documentType": _PAYMENT_DOCUMENT_TYPES[payment["type"]],
        "referenceNumber": payment["refNbr"],
        "postPeriod": payment["applicationPeriod"],
        "financialPeriod": payment["applicationPeriod"],
        "date": payment["applicationDate"],
        "status": payment["status"],
        "currencyId": payment["currency"]["id"],
        "balance": money(convert(balance, rate)),
        "balanceInCurrency": money(balance),
        "cashDiscount": 0.0,
        "cashDiscountInCurrency": 0.0,
        "supplierReference": payment["paymentRef"],
        "description": payment["description"],
        "lastModifiedDateTime": payment["lastModifiedDateTime"],
        "location": dict(payment["location"]),
        "branchNumber": dict(branch),
        "cashAccount": payment["cashAccount"],
        "timeStamp": payment["timeStamp"],
    }
    return record


def attach_originals(tenant_id: str, invoices: list[Record]) -> dict[str, Record]:
    """Give invoices their scanned original as an attachment, and approval details to those
    sent to approval.

    Every invoice in the approval flow has its original; of the others, released ones have it
    with :data:`ATTACHMENT_SHARE` percent odds. The approval document is the original, so its
    id is both ``approvalDetails.attachmentID`` and the ``systemId`` that finds the invoice.
    Adds ``attachments`` (and ``approvalDetails``) to those invoices and returns the
    attachments by id, each with its file name (``name``) and invoice (``invoice``).
    """
    found: dict[str, Record] = {}
    for invoice in invoices:
        digest = hashlib.sha256(f"{tenant_id}:{invoice['referenceNumber']}".encode()).digest()
        in_approval = invoice["approvalStatus"] in _IN_APPROVAL
        unreleased = invoice["status"] in ("Hold", "Balanced")
        if not in_approval and (unreleased or digest[0] * 100 // 256 >= ATTACHMENT_SHARE):
            continue
        ident = str(uuid.UUID(bytes=digest[:16], version=4))
        name = f"{invoice['documentType']}_{invoice['referenceNumber']}.pdf"
        invoice["attachments"] = [{"name": name, "id": ident, "revision": 1}]
        if in_approval:
            invoice["approvalDetails"] = {"attachmentID": ident}
            if invoice["approvalStatus"] == "RejectedInApproval":
                invoice["approvalDetails"]["comment"] = _REJECTION
        found[ident] = {"name": name, "invoice": invoice}
    return found


def attachment_bytes(attachment: Record) -> bytes:
    """A small, valid-looking PDF naming the invoice (always the same for one attachment)."""
    invoice = attachment["invoice"]
    text = (
        f"{invoice['supplier']['name']} - {invoice['documentType']} "
        f"{invoice['supplierReference']} - {invoice['amount']:.2f} {invoice['currencyId']}"
    )
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 11 Tf 50 780 Td ({escaped}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
