"""Countries: GET /v1/country (paged), /v1/country/{countryId}."""

from gateway.resources.declaration import Resource

COUNTRY = Resource(
    name="Country",
    kind="country",
    dto="CountryDto",
    path="/v1/country",
    record_path="/v1/country/{}",
    key=("id",),
    ttl=3600,
    plural="countries",
    singular="country",
)
