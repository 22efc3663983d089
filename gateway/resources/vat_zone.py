"""VAT zones: GET /v1/vatZone (paged), /v1/vatZone/{vatZoneId}."""

from gateway.resources.declaration import Resource

VAT_ZONE = Resource(
    name="VatZone",
    kind="vatZone",
    dto="VatZoneDto",
    path="/v1/vatZone",
    record_path="/v1/vatZone/{}",
    key=("id",),
    ttl=3600,
    plural="vatZones",
    singular="vatZone",
)
