"""Customer documents: GET /v1/customerdocument, every customer ledger document (invoices,
credit notes, payments ...) in one list.

The spec has no read of one customer document: ``node(id:)`` finds it in the whole list (one
call per page of it), so the connections (``customerDocuments``, ``Customer.documents``) are
the way to read them.
"""

from gateway.resources.customer import CUSTOMER_SUMMARY
from gateway.resources.declaration import ParentLink, Reference, Resource

CUSTOMER_DOCUMENT = Resource(
    name="CustomerDocument",
    kind="customerDocument",
    dto="CustomerDocumentDto",
    path="/v1/customerdocument",
    record_path=None,
    key=("documentType", "referenceNumber"),
    ttl=120,
    plural="customerDocuments",
    parents=(ParentLink("Customer", "documents", ("customer", "number"), param="customer"),),
    references=(
        Reference("customer", "Customer", (("customer", "number"),), inline=CUSTOMER_SUMMARY),
    ),
)
