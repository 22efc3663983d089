"""Every resource the gateway declares is served by the simulator at its declared paths.

The cases come from the registry, so a new declaration is checked without a new test.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gateway.resources.declaration import Resource
from gateway.resources.registry import RESOURCES
from gateway.simulator.endpoints import ROUTES
from gateway.simulator.errors import NO_RESOURCE_MESSAGE

_UNKNOWN = "99999999"


def _key_of(resource: Resource, item: dict[str, Any]) -> tuple[str, ...]:
    """The record path values of a listed item, read as the declaration says."""
    paths = resource.key_path or tuple((name,) for name in resource.key)
    values: list[str] = []
    for path in paths:
        value: Any = item
        for name in path:
            value = value[name]
        values.append(str(value))
    return tuple(values)


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.name)
async def test_declared_paths_are_served(client_a: httpx.AsyncClient, resource: Resource) -> None:
    listed = await client_a.get(resource.path)
    assert listed.status_code == 200, listed.text
    body = listed.json()
    # Some lists come in the spec's paging wrapper: the records beside their count.
    items = body["records"] if isinstance(body, dict) else body
    assert isinstance(items, list) and items, f"{resource.path} lists no records"
    key = _key_of(resource, items[0])
    if resource.record_path is None:
        return  # the spec reads these only as a list

    found = await client_a.get(resource.single_path.format(*key))
    unknown = await client_a.get(resource.single_path.format(*key[:-1], _UNKNOWN))

    assert found.status_code == 200, found.text
    assert _key_of(resource, found.json()) == key
    assert unknown.status_code == 404
    # A 404 of the record, not of a path the simulator does not know.
    assert NO_RESOURCE_MESSAGE not in unknown.json()["message"]
    assert _UNKNOWN in unknown.json()["message"]


def test_no_path_is_routed_twice() -> None:
    """A declared path left in a simulator table as well would be shadowed silently."""
    shapes = [
        "/".join("{}" if part.startswith("{") else part.lower() for part in pattern.parts)
        for pattern, _ in ROUTES
    ]

    assert sorted(shape for shape in shapes if shapes.count(shape) > 1) == []
