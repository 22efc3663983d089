"""VAT categories: GET /v1/vatCategory (numberToRead/skipRecords, so read whole)."""

from gateway.resources.declaration import Resource

VAT_CATEGORY = Resource(
    name="VatCategory",
    kind="vatCategory",
    dto="VatCategoryDto",
    path="/v1/vatCategory",
    record_path="/v1/vatCategory/{}",
    key=("vatCategoryId",),
    ttl=3600,
    paged=False,
    plural="vatCategories",
    singular="vatCategory",
)
