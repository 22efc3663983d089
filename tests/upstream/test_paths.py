"""Path parameters are confined to one segment."""

from __future__ import annotations

import base64

import pytest

from gateway.errors import BadUserInput
from gateway.upstream import paths


@pytest.mark.parametrize("value", ["10001", "PO000123", "a.b", "A-1_2~3"])
def test_plain_values_stay_readable(value: str) -> None:
    assert paths.build("/v1/supplier/{}", value) == f"/v1/supplier/{value}"


@pytest.mark.parametrize(
    "value", ["../customer", "a/b?c=d", "..", ".", "%2F", "x#y", "IMP/2024", "é", " "]
)
def test_reserved_values_are_base64url_wrapped(value: str) -> None:
    path = paths.build("/v1/supplier/{}/balance", value)
    inner = path.removeprefix("/v1/supplier/b64(").removesuffix(")/balance")
    assert base64.urlsafe_b64decode(inner).decode() == value
    assert path.count("/") == 4


def test_empty_values_are_refused() -> None:
    with pytest.raises(BadUserInput):
        paths.build("/v1/supplier/{}", "")
