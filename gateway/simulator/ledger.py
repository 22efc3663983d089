"""One simulator instance's own, writable copy of a company's books.

The demo data is generated once per process and shared by every ``Simulator``; a write must
never touch it. The first write to a company gives the instance a ``Ledger``: new lists over
the same record dicts (copy-on-write). Writers build a new dict for every record they change
and hand it to ``put_*``, so the shared records stay as generated.
"""

from __future__ import annotations

import base64
import bisect
import itertools
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from gateway.simulator.demodata import CompanyData
from gateway.simulator.demodata.balances import make_balances, make_po_balances
from gateway.simulator.demodata.catalog import CompanyProfile
from gateway.simulator.demodata.profiles import PROFILES
from gateway.simulator.demodata.receivables_book import (
    document_order,
    invoice_document,
    make_customer_balances,
    payment_document,
)
from gateway.simulator.filters import Record
from gateway.simulator.store import CompanyStore
from gateway.simulator.timeformat import StampForm, write_stamp

# Above every generated rowversion, so new ETags never repeat an old one.
_FIRST_ROW_VERSION = 0x0000_0001_0000_0000


class Ledger(CompanyStore):
    """A company store that accepts new and changed records."""

    def __init__(self, data: CompanyData) -> None:
        copied = replace(
            data,
            suppliers=list(data.suppliers),
            invoices=list(data.invoices),
            purchase_orders=list(data.purchase_orders),
            payments=list(data.payments),
            supplier_balances=list(data.supplier_balances),
            po_balances=list(data.po_balances),
            purchasing=replace(
                data.purchasing,
                locations=list(data.purchasing.locations),
                receipts=list(data.purchasing.receipts),
            ),
        )
        super().__init__(copied)
        self.profile: CompanyProfile = next(p for p in PROFILES if p.tenant_id == data.tenant_id)
        self._versions = itertools.count(_FIRST_ROW_VERSION)

    def row_version(self) -> str:
        """A fresh ``timeStamp`` (the ETag) for a written record."""
        return base64.b64encode(next(self._versions).to_bytes(8, "big")).decode("ascii")

    @staticmethod
    def stamp(now: float) -> str:
        """``lastModifiedDateTime`` text for a write at Unix time ``now``."""
        return write_stamp(datetime.fromtimestamp(now, UTC), StampForm.UTC_MILLIS)

    def next_number(self, records: list[Record], key: str, prefix: str = "") -> str:
        """The next number of a numbering sequence: the highest numeric one plus one."""
        numbers = [
            str(r[key])[len(prefix) :]
            for r in records
            if str(r[key]).startswith(prefix) and str(r[key])[len(prefix) :].isdigit()
        ]
        width = max((len(n) for n in numbers), default=6)
        return f"{prefix}{max((int(n) for n in numbers), default=0) + 1:0{width}d}"

    def next_internal_id(self) -> int:
        return max((int(s["internalId"]) for s in self.data.suppliers), default=0) + 1

    def put_supplier(self, record: Record) -> None:
        _put(self.data.suppliers, self._suppliers, record, "number")
        number = record["number"]
        self._replace_balance(number)

    # The receivable side is this ledger's own (generated again for the copy). Its balances
    # and documents follow every write, as the supplier balances do.

    def put_customer(self, record: Record) -> None:
        _put(self.data.receivables.customers, {}, record, "number")
        self._replace_customer_balance(record["number"])

    def put_sales_order(self, record: Record) -> None:
        _put(self.data.receivables.sales_orders, {}, record, "orderNo")
        self._replace_customer_balance(record["customer"]["number"])

    def put_customer_payment(self, record: Record) -> None:
        _put(self.data.receivables.payments, {}, record, "refNbr")
        _put_sorted(self.data.receivables.documents, payment_document(record), document_order)
        self._replace_customer_balance(record["customer"]["number"])

    def put_customer_invoice(self, record: Record) -> None:
        _put(self.data.receivables.invoices, {}, record, "referenceNumber")
        _put_sorted(self.data.receivables.documents, invoice_document(record), document_order)
        self._replace_customer_balance(record["customer"]["number"])

    def put_contact(self, record: Record) -> None:
        # Contacts are listed by their integer id, not by its text.
        _put_sorted(self.data.contacts, record, lambda c: int(c["contactId"]))

    def put_location(self, record: Record) -> None:
        # Listed by supplier, then by location id.
        _put_sorted(
            self.data.purchasing.locations,
            record,
            lambda loc: (loc["baccount"]["number"], loc["locationId"]),
        )

    def put_receipt(self, record: Record) -> None:
        _put_sorted(self.data.purchasing.receipts, record, lambda r: r["receiptNbr"])

    def put_invoice(self, record: Record) -> None:
        _put(self.data.invoices, self._invoices, record, "referenceNumber")
        number = record["supplier"]["number"]
        self._invoices_by_supplier[number] = [
            i for i in self.data.invoices if i["supplier"]["number"] == number
        ]
        self._replace_balance(number)

    def put_order(self, record: Record) -> None:
        _put(self.data.purchase_orders, self._orders, record, "orderNbr")
        self._replace_balance(record["supplier"]["number"])

    def put_payment(self, record: Record) -> None:
        _put(self.data.payments, self._payments, record, "refNbr")

    def _replace_customer_balance(self, customer_number: str) -> None:
        book = self.data.receivables
        customer = next(c for c in book.customers if c["number"] == customer_number)
        balance = make_customer_balances(
            [customer],
            _of_customer(book.invoices, customer_number),
            _of_customer(book.payments, customer_number),
            _of_customer(book.sales_orders, customer_number),
        )[0]
        _put_balance(book.balances, {}, balance, "customer")

    def _replace_balance(self, supplier_number: str) -> None:
        supplier = self._suppliers[supplier_number]
        invoices = self._invoices_by_supplier.get(supplier_number, [])
        orders = [
            o for o in self.data.purchase_orders if o["supplier"]["number"] == supplier_number
        ]
        balance = make_balances([supplier], invoices)[0]
        po_balance = make_po_balances([supplier], orders)[0]
        _put_balance(self.data.supplier_balances, self._balances, balance, "supplier")
        _put_balance(self.data.po_balances, self._po_balances, po_balance, "supplier")


def _of_customer(records: list[Record], number: str) -> list[Record]:
    return [r for r in records if r["customer"]["number"] == number]


def _put_sorted(records: list[Record], record: Record, key: Callable[[Record], Any]) -> None:
    """Insert ``record``, or replace the one of the same ``key``, keeping ``records`` in
    ``key`` order."""
    keys = [key(r) for r in records]
    wanted = key(record)
    position = bisect.bisect_left(keys, wanted)
    if position < len(records) and keys[position] == wanted:
        records[position] = record
    else:
        records.insert(position, record)


def _put(records: list[Record], index: dict[str, Record], record: Record, key: str) -> None:
    """Insert or replace ``record`` keeping ``records`` ordered by ``key``."""
    _put_sorted(records, record, lambda r: str(r[key]))
    index[str(record[key])] = record


def _put_balance(
    records: list[Record], index: dict[str, Record], balance: Record, party: str
) -> None:
    """Insert or replace a balance, keeping the list in the order of its ``party``'s number
    (``supplier`` or ``customer``)."""
    _put_sorted(records, balance, lambda r: str(r[party]["number"]))
    index[str(balance[party]["number"])] = balance
