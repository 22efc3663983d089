"""The files the gateway serves are package data, so an installed gateway (pip, the container
image) serves what a checkout serves: nothing is read from a path beside the package."""

from __future__ import annotations

import glob
import tomllib
from importlib.resources import files
from pathlib import Path

from tests.conftest import Gateway

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
PACKAGE = Path(str(files("gateway")))


def package_data() -> set[str]:
    """The files under gateway/ that setuptools puts into the wheel beside the modules."""
    config = tomllib.loads(PYPROJECT.read_text())
    patterns: list[str] = config["tool"]["setuptools"]["package-data"]["gateway"]
    return {
        match
        for pattern in patterns
        for match in glob.glob(pattern, root_dir=PACKAGE)
        if (PACKAGE / match).is_file()
    }


def served_files() -> set[str]:
    """The explorer's and the example pages' files, as the package holds them."""
    return {
        path.relative_to(PACKAGE).as_posix()
        for folder in ("static", "examples")
        for path in (PACKAGE / folder).rglob("*")
        if path.is_file() and not path.name.startswith(".")
    }


def test_every_served_file_is_package_data() -> None:
    served = served_files()
    assert "examples/suppliers/index.html" in served
    assert "examples/customers/index.html" in served
    assert "static/explorer.js" in served
    assert served - package_data() == set()


async def test_the_example_page_is_served_from_the_package(gateway: Gateway) -> None:
    for name in ("index.html", "app.js", "style.css"):
        resource = files("gateway").joinpath("examples", "suppliers", name)
        response = await gateway.client.get(f"/examples/suppliers/{name}")
        assert response.status_code == 200, name
        assert response.content == resource.read_bytes()
    index = await gateway.client.get("/examples/suppliers/")
    assert index.status_code == 200 and "<html" in index.text.lower()
    for name in ("index.html", "app.js"):
        resource = files("gateway").joinpath("examples", "customers", name)
        response = await gateway.client.get(f"/examples/customers/{name}")
        assert response.status_code == 200, name
        assert response.content == resource.read_bytes()
