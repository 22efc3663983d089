"""Read routes of the purchasing neighbourhood, driven by one table of collections.

A :class:`Collection` says where a resource's records live, which query parameters filter
them and whether its list pages; list routes filter then page (with ``metadata``) and record
routes look one record up by its key fields, answering 404 when none matches. Attachments
are the one exception: their route streams the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.responses import Response

from gateway.simulator.demodata import CompanyData
from gateway.simulator.demodata.receipts import attachment_bytes
from gateway.simulator.errors import bad_request, not_found
from gateway.simulator.filters import (
    AnyEquals,
    Contains,
    DateCompare,
    Equals,
    Filter,
    GreaterThan,
    NumberCompare,
    OneOf,
    Record,
    Released,
    apply,
    each,
    field,
    single,
)
from gateway.simulator.paths import PathPattern
from gateway.simulator.responses import OrjsonResponse, etag
from gateway.simulator.store import (
    INVOICE_STATUSES,
    INVOICE_TYPES,
    CompanyStore,
    page_of,
    read_page,
)

if TYPE_CHECKING:
    from gateway.simulator.endpoints import Call, Handler

PROJECT_STATUSES = ("Planned", "Active", "Completed", "Cancelled", "OnHold", "PendingApproval")
TASK_STATUSES = ("Planned", "Active", "Cancelled", "Canceled", "Completed")
INVENTORY_STATUSES = (
    "Active",
    "NoSales",
    "NoPurchases",
    "NoRequest",
    "Inactive",
    "MarkedForDeletion",
)
RECEIPT_TYPES = ("PoReceipt", "PoReturn", "TransferReceipt")
RECEIPT_STATUSES = ("Hold", "Balanced", "Released")
# The documentType query speaks of payments where SupplierDocumentDto says checks.
_QUERY_DOCUMENT_TYPE = {"Check": "Payment", "QuickCheck": "Payment"}


def _modified() -> DateCompare:
    return DateCompare("lastModifiedDateTime", single(field("lastModifiedDateTime")))


def _flag(param: str, get: Callable[[Record], object]) -> Equals:
    """A boolean query parameter (``true``/``false``) against a boolean field."""
    return Equals(param, lambda record: str(get(record)).lower())


@dataclass(frozen=True)
class Collection:
    """One resource: its records in a company's data, its filters and its key fields."""

    resource: str
    records: Callable[[CompanyData], list[Record]]
    filters: tuple[Filter, ...] = ()
    keys: tuple[tuple[str, Callable[[Record], object]], ...] = ()
    """Path parameter names and the record values they must equal (compared as text)."""
    paged: bool = True
    metadata: bool = True
    """Whether list items carry ``metadata`` (some DTOs, e.g. TaskExtendedDto, have none)."""
    label: str = ""
    store_filters: Callable[[CompanyStore], tuple[Filter, ...]] = lambda _: ()
    """Filters that read other records of the company (a document's invoice lines)."""


PROJECTS = Collection(
    "project",
    lambda data: data.purchasing.projects,
    (
        OneOf("status", field("status"), PROJECT_STATUSES),
        Equals("branch", field("branch", "number")),
        Equals("publicId", field("publicId")),
        _flag("visibleInAP", field("visibility", "visibleInAp")),
        _flag("systemTemplate", field("systemTemplate")),
        DateCompare("startDate", single(field("startDate"))),
        _modified(),
    ),
    (("projectID", field("projectID")),),
    label="Project",
)
TASKS = Collection(
    "projectTask",
    lambda data: data.purchasing.tasks,
    (
        Equals("projectInternalId", lambda r: str(r["projectInternalId"])),
        Equals("taskCd", field("taskId")),
        Contains("description", field("description")),
        OneOf("status", field("status"), TASK_STATUSES),
        _flag("visibleInAp", field("visibility", "visibleInAp")),
        _flag("visibleInPo", field("visibility", "visibleInPo")),
        GreaterThan(lambda r: f"{r['internalId']:010d}"),
        _modified(),
        DateCompare("createdDateTime", single(field("createdDateTime"))),
    ),
    (("internalId", field("internalId")),),
    metadata=False,
    label="Project task",
)
INVENTORY = Collection(
    "inventory",
    lambda data: data.purchasing.inventory,
    (
        Equals("inventoryNumber", field("inventoryNumber")),
        Contains("description", field("description")),
        OneOf("status", field("status"), INVENTORY_STATUSES),
        GreaterThan(field("inventoryNumber")),
        _modified(),
    ),
    (("inventoryNumber", field("inventoryNumber")),),
    label="Inventory item",
)
WAREHOUSES = Collection(
    "warehouse",
    lambda data: data.purchasing.warehouses,
    (_flag("active", field("active")), Equals("branch", field("branch", "number"))),
    (("warehouseID", field("warehouseID")),),
    paged=False,
    label="Warehouse",
)
UNITS = Collection("unitOfMeasure", lambda data: data.purchasing.units, paged=False)
CONTACT_FILTERS: tuple[Filter, ...] = (
    Contains("displayName", field("displayName")),
    _flag("active", field("active")),
    Contains("firstName", field("firstName")),
    Contains("lastName", field("lastName")),
    Equals("businessAccount", field("businessAccount")),
    Equals("email", field("email")),
    GreaterThan(lambda r: f"{r['contactId']:010d}"),
    _modified(),
)
CONTACTS = Collection(
    "contact",
    lambda data: data.contacts,
    CONTACT_FILTERS,
    (("contactId", field("contactId")),),
    paged=False,
    label="Contact",
)
SUPPLIER_CONTACTS = Collection(
    "contact",
    lambda data: data.contacts,
    CONTACT_FILTERS,
    (("supplierCd", field("businessAccount")),),
    paged=False,
)
_LOCATION_FILTERS: tuple[Filter, ...] = (
    Equals("locationId", field("locationId")),
    Equals("gln", field("gln")),
    _modified(),
)
LOCATIONS = Collection(
    "supplierLocation", lambda data: data.purchasing.locations, _LOCATION_FILTERS
)
SUPPLIER_LOCATIONS = Collection(
    "supplierLocation",
    lambda data: data.purchasing.locations,
    _LOCATION_FILTERS,
    (("bAccountId", field("baccount", "number")),),
)
SUPPLIER_LOCATION = Collection(
    "supplierLocation",
    lambda data: data.purchasing.locations,
    keys=(
        ("bAccountId", field("baccount", "number")),
        ("locationId", field("locationId")),
    ),
    label="Supplier location",
)
RECEIPTS = Collection(
    "purchaseReceipt",
    lambda data: data.purchasing.receipts,
    (
        OneOf("receiptType", field("receiptType"), RECEIPT_TYPES),
        OneOf("status", field("status"), RECEIPT_STATUSES),
        Equals("supplier", field("supplier", "number")),
        AnyEquals("poOrderNbr", each("lines", "poOrderNbr")),
        Equals("branch", field("branchNumber", "number")),
        Equals("finPeriod", field("postPeriod")),
        DateCompare("receiptDate", single(field("date"))),
        DateCompare("dueDate", single(field("dueDate"))),
        GreaterThan(field("receiptNbr")),
        _modified(),
    ),
    (("receiptNumber", field("receiptNbr")),),
    label="Purchase receipt",
)
_DOCUMENT_FILTERS: tuple[Filter, ...] = (
    OneOf(
        "documentType",
        lambda r: _QUERY_DOCUMENT_TYPE.get(r["documentType"], r["documentType"]),
        INVOICE_TYPES,
    ),
    Released(),
    OneOf("status", field("status"), INVOICE_STATUSES),
    Equals("branch", field("branch", "number")),
    Equals("financialPeriod", field("financialPeriod")),
    DateCompare("dueDate", single(field("dueDate"))),
    DateCompare("docDate", single(field("date"))),
    NumberCompare("balance", field("balance")),
    GreaterThan(field("referenceNumber")),
    _modified(),
    DateCompare("createdDateTime", single(field("createdDateTime"))),
)


def _line_filters(store: CompanyStore) -> tuple[Filter, ...]:
    """``project`` and ``item`` match any line of the invoice a document shows."""

    def lines(*path: str) -> Callable[[Record], Iterable[object]]:
        def get(record: Record) -> Iterable[object]:
            invoice = store.invoice(str(record["referenceNumber"]))
            return each("invoiceLines", *path)(invoice) if invoice is not None else ()

        return get

    return (
        AnyEquals("project", lines("project", "id")),
        AnyEquals("item", lines("inventoryNumber")),
    )


DOCUMENTS = Collection(
    "supplierDocument",
    lambda data: data.purchasing.documents,
    (Equals("supplier", field("supplier", "number")), *_DOCUMENT_FILTERS),
    store_filters=_line_filters,
)
SUPPLIER_DOCUMENTS = Collection(
    "supplierDocument",
    lambda data: data.purchasing.documents,
    _DOCUMENT_FILTERS,
    (("supplierNumber", field("supplier", "number")),),
    store_filters=_line_filters,
)


def list_route(collection: Collection, supplier_param: str | None = None) -> Handler:
    """A list answer: the records whose key fields equal the path values, filtered, paged.

    With ``supplier_param`` the path names a supplier, and an unknown one is a 404.
    """

    def handle(call: Call) -> Response:
        if supplier_param is not None:
            number = call.path[supplier_param]
            if call.store.supplier(number) is None:
                raise not_found("Supplier", number)
        filters = (*collection.filters, *collection.store_filters(call.store))
        matching = apply(filters, call.params, _matching(collection, call))
        if not collection.paged:
            return OrjsonResponse(matching)
        limit = call.config.page_limit(collection.resource)
        page = read_page(call.params, limit)
        with_metadata = collection.metadata and call.config.serves_metadata(collection.resource)
        return OrjsonResponse(page_of(matching, page, limit, with_metadata))

    return handle


def record_route(collection: Collection) -> Handler:
    """One record by its key fields, with its ``timeStamp`` (if any) as ETag; else 404."""

    def handle(call: Call) -> Response:
        found = _matching(collection, call)
        if not found:
            ident = "/".join(call.path[name] for name, _ in collection.keys)
            raise not_found(collection.label, ident)
        record = found[0]
        stamp = record.get("timeStamp") or record.get("timestamp")
        headers = etag(stamp) if stamp else None
        return OrjsonResponse(record, headers=headers)

    return handle


def _matching(collection: Collection, call: Call) -> list[Record]:
    records = collection.records(call.store.data)
    # A list route shares its collection with the record route but has no key in its path.
    wanted = [(call.path[name], get) for name, get in collection.keys if name in call.path]
    if not wanted:
        return records
    return [r for r in records if all(str(get(r)) == value for value, get in wanted)]


def get_attachment(call: Call) -> Response:
    """The attachment's file, as Visma streams it."""
    ident = call.path["attachmentId"]
    uploaded = call.store.uploads.get(ident.lower())
    if uploaded is not None:
        disposition = f'attachment; filename="{uploaded["name"]}"'
        return Response(
            uploaded["content"],
            media_type=uploaded["contentType"],
            headers={"Content-Disposition": disposition},
        )
    attachment = call.store.data.purchasing.attachments.get(ident.lower())
    if attachment is None:
        raise not_found("Attachment", ident)
    disposition = f'attachment; filename="{attachment["name"]}"'
    return Response(
        attachment_bytes(attachment),
        media_type="application/pdf",
        headers={"Content-Disposition": disposition},
    )


def get_invoice_for_approval(call: Call) -> Response:
    """The invoice whose approval document (``systemId``) is given; 404 when none is."""
    system_id = call.params.get("systemid")
    if system_id is None:
        raise bad_request("The systemId field is required.")
    attachment = call.store.data.purchasing.attachments.get(system_id.strip().lower())
    # The company's current record, so a written invoice answers as written.
    invoice = (
        None if attachment is None else call.store.invoice(attachment["invoice"]["referenceNumber"])
    )
    if invoice is None or "approvalDetails" not in invoice:
        raise not_found("Supplier invoice for approval", system_id)
    return OrjsonResponse(invoice, headers=etag(invoice["timeStamp"]))


def _int_key(name: str) -> Callable[[Call], None]:
    def check(call: Call) -> None:
        text = call.path[name]
        if not text.isascii() or not text.isdigit():
            raise bad_request(f"The value '{text}' is not valid for {name}.")

    return check


def _checked(check: Callable[[Call], None], handler: Handler) -> Handler:
    def handle(call: Call) -> Response:
        check(call)
        return handler(call)

    return handle


PURCHASING_ROUTES: Sequence[tuple[PathPattern, Handler]] = (
    # Before v1/supplierInvoice/{invoiceNumber}, which would take "approval" for a number.
    (PathPattern("v1/supplierInvoice/approval"), get_invoice_for_approval),
    (PathPattern("v1/project"), list_route(PROJECTS)),
    (PathPattern("v1/project/{projectID}"), record_route(PROJECTS)),
    (PathPattern("v1/projecttask"), list_route(TASKS)),
    (
        PathPattern("v1/projecttask/{internalId}"),
        _checked(_int_key("internalId"), record_route(TASKS)),
    ),
    (PathPattern("v1/inventory"), list_route(INVENTORY)),
    (PathPattern("v1/inventory/{inventoryNumber}"), record_route(INVENTORY)),
    (PathPattern("v1/warehouse"), list_route(WAREHOUSES)),
    (PathPattern("v1/warehouse/{warehouseID}"), record_route(WAREHOUSES)),
    (PathPattern("v1/unitofmeasure"), list_route(UNITS)),
    (PathPattern("v1/contact"), list_route(CONTACTS)),
    (
        PathPattern("v1/contact/{contactId}"),
        _checked(_int_key("contactId"), record_route(CONTACTS)),
    ),
    (PathPattern("v1/supplier/{supplierCd}/contact"), list_route(SUPPLIER_CONTACTS, "supplierCd")),
    (PathPattern("v1/supplierlocation"), list_route(LOCATIONS)),
    (
        PathPattern("v1/supplierlocation/{bAccountId}"),
        list_route(SUPPLIER_LOCATIONS, "bAccountId"),
    ),
    (PathPattern("v1/supplierlocation/{bAccountId}/{locationId}"), record_route(SUPPLIER_LOCATION)),
    (PathPattern("v1/PurchaseReceipt"), list_route(RECEIPTS)),
    (PathPattern("v1/PurchaseReceipt/{receiptNumber}"), record_route(RECEIPTS)),
    (PathPattern("v1/supplierdocument"), list_route(DOCUMENTS)),
    (
        PathPattern("v1/supplier/{supplierNumber}/document"),
        list_route(SUPPLIER_DOCUMENTS, "supplierNumber"),
    ),
    (PathPattern("v1/attachment/{attachmentId}"), get_attachment),
)
