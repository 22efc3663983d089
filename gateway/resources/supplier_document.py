"""Supplier documents: GET /v1/supplierdocument, every supplier ledger document in one list.

The spec has no read of one supplier document: ``node(id:)`` finds it in the whole list (one
call per page of it), so the connections (``supplierDocuments``, ``Supplier.documents``) are
the way to read them.
"""

from gateway.resources.declaration import ParentLink, Reference, Resource
from gateway.resources.supplier_invoice import SUPPLIER_SUMMARY

SUPPLIER_DOCUMENT = Resource(
    name="SupplierDocument",
    kind="supplierDocument",
    dto="SupplierDocumentDto",
    path="/v1/supplierdocument",
    record_path=None,
    key=("documentType", "referenceNumber"),
    ttl=120,
    plural="supplierDocuments",
    parents=(ParentLink("Supplier", "documents", ("supplier", "number"), param="supplier"),),
    references=(
        Reference("supplier", "Supplier", (("supplier", "number"),), inline=SUPPLIER_SUMMARY),
    ),
)
