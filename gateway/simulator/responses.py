"""JSON answers encoded with orjson (list pages of the demo data are megabytes each), and
the ETag header of a record."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import JSONResponse


def etag(version: object) -> dict[str, str]:
    """The ``ETag`` header of a record's version, quoted as HTTP (and Visma) has it."""
    return {"ETag": f'"{version}"'}


class OrjsonResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)
