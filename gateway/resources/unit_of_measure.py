"""Units of measure: GET /v1/unitofmeasure (answered whole), keyed by the pair they convert.

The spec has no read of one unit: ``node(id:)`` finds it in the whole list.
"""

from gateway.resources.declaration import Resource

UNIT_OF_MEASURE = Resource(
    name="UnitOfMeasure",
    kind="unitOfMeasure",
    dto="UnitOfMeasureDto",
    path="/v1/unitofmeasure",
    record_path=None,
    key=("fromUnit", "toUnit"),
    ttl=3600,
    paged=False,
    plural="unitsOfMeasure",
)
