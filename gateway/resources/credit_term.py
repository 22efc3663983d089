"""Credit terms: GET /v1/creditTerm, paged in a wrapper (``records`` and ``totalCount``).

The spec has no read of one credit term: ``node(id:)`` finds it in the whole list.
"""

from gateway.resources.declaration import Resource

CREDIT_TERM = Resource(
    name="CreditTerm",
    kind="creditTerm",
    dto="CreditTermDto",
    path="/v1/creditTerm",
    record_path=None,
    key=("termsId",),
    ttl=3600,
    plural="creditTerms",
)
