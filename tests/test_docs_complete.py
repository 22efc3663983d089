"""The docs keep up with the code: every setting in docs/configuration.md, every error code a
client can get in docs/errors.md and README.md's table, and every relative link in README.md
and docs/ resolves."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from gateway.settings import _ENV_NAMES, Settings

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted(DOCS.glob("*.md"))]
# Where codes are given to errors: GatewayError subclasses (`code = "…"`), literal extensions
# (`"code": "…"`) and module constants whose value is a code (as in schema/error_codes.py).
CODE_SOURCES = [
    path
    for package in ("gateway", "schema")
    for path in sorted((ROOT / package).rglob("*.py"))
    # The simulator's answers are Visma's, not the gateway's; the generator writes enums.
    if "simulator" not in path.parts and path.name != "generate.py"
]
_CODE = re.compile(r"""(?:\bcode\s*=\s*|["']code["']\s*:\s*)["']([A-Z][A-Z_]+)["']""")
_CONSTANT = re.compile(r"""^[A-Z_]+\s*=\s*["']([A-Z][A-Z_]{3,})["']\s*$""", re.MULTILINE)
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def error_codes() -> set[str]:
    codes: set[str] = set()
    for path in CODE_SOURCES:
        text = path.read_text()
        codes |= set(_CODE.findall(text)) | set(_CONSTANT.findall(text))
    return codes


def test_the_code_scan_finds_the_known_codes() -> None:
    assert {"BAD_REQUEST", "GRAPHQL_PARSE_FAILED", "PAYLOAD_TOO_LARGE"} <= error_codes()


def test_every_setting_has_an_environment_variable() -> None:
    assert {f.name for f in fields(Settings)} == _ENV_NAMES.keys()


@pytest.mark.parametrize("variable", sorted(_ENV_NAMES.values()))
def test_every_setting_is_documented(variable: str) -> None:
    assert f"`{variable}`" in (DOCS / "configuration.md").read_text()


@pytest.mark.parametrize("code", sorted(error_codes()))
def test_every_error_code_is_documented(code: str) -> None:
    assert f"`{code}`" in (DOCS / "errors.md").read_text()
    assert f"`{code}`" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_relative_link_resolves(page: Path) -> None:
    text = re.sub(r"```.*?```", "", page.read_text(), flags=re.DOTALL)
    for target in _LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:|#", target):
            continue
        path = target.split("#", 1)[0]
        assert (page.parent / path).exists(), f"{page.name}: {target}"
