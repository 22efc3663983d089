"""The write routes: which method and path a write handler answers, and the scope it needs."""

from __future__ import annotations

from collections.abc import Sequence

from gateway.simulator.paths import PathPattern
from gateway.simulator.tokens import CREATE_SCOPES, UPDATE_SCOPES
from gateway.simulator.write_suppliers import create_supplier, update_supplier
from gateway.simulator.writecall import WriteHandler

WRITE_ROUTES: tuple[tuple[str, PathPattern, WriteHandler, frozenset[str]], ...] = (
    ("POST", PathPattern("v1/supplier"), create_supplier, CREATE_SCOPES),
    ("PUT", PathPattern("v1/supplier/{supplierCd}"), update_supplier, UPDATE_SCOPES),
)


def find_write(
    method: str, segments: Sequence[str]
) -> tuple[WriteHandler, dict[str, str], frozenset[str]] | None:
    """The handler, path values and required scopes of a write request, or None."""
    for route_method, pattern, handler, scopes in WRITE_ROUTES:
        if route_method != method:
            continue
        values = pattern.match(segments)
        if values is not None:
            return handler, values, scopes
    return None
