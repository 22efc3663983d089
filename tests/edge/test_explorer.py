"""The explorer page over HTTP: GraphiQL from the gateway's own origin, headers pre-filled."""

from __future__ import annotations

import json
import re

from gateway.edge.explorer import VENDOR_FILES
from gateway.settings import Settings
from gateway.simulator import Simulator
from tests.conftest import TOKEN_A, Gateway, running


def embedded_config(html: str) -> dict[str, object]:
    match = re.search(r'<script id="explorer-config" type="application/json">(.*?)</script>', html)
    assert match is not None
    config: dict[str, object] = json.loads(match.group(1))
    return config


async def test_the_page_loads_everything_from_its_own_origin(gateway: Gateway) -> None:
    page = await gateway.client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    references = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert references and all(ref.startswith("/") for ref in references), references
    for ref in references:
        if ref.startswith("/graphiql/static/"):
            asset = await gateway.client.get(ref)
            assert asset.status_code == 200, ref
    for name in VENDOR_FILES:
        assert f"/graphiql/static/vendor/{name}" in references


async def test_the_headers_editor_holds_a_placeholder_outside_demo_mode(gateway: Gateway) -> None:
    page = await gateway.client.get("/graphql", headers={"Accept": "text/html"})
    headers = json.loads(str(embedded_config(page.text)["headers"]))
    assert headers == {"Authorization": "Bearer <your Visma Connect access token>"}


async def test_demo_mode_prefills_the_demo_token_of_company_a(sim: Simulator) -> None:
    async with running(sim, Settings(demo=True)) as gateway:
        page = await gateway.client.get("/graphql", headers={"Accept": "text/html"})
        headers = json.loads(str(embedded_config(page.text)["headers"]))
        assert headers == {"Authorization": f"Bearer {TOKEN_A}"}


async def test_a_browser_get_without_an_operation_never_needs_a_token(gateway: Gateway) -> None:
    page = await gateway.client.get("/graphql", headers={"Accept": "*/*"})
    assert page.status_code == 200 and "graphiql.min.js" in page.text
    assert gateway.calls() == []


async def test_the_first_tab_holds_a_runnable_example_and_says_how_to_authenticate(
    gateway: Gateway,
) -> None:
    page = await gateway.client.get("/graphql", headers={"Accept": "text/html"})
    config = embedded_config(page.text)
    example = str(config["exampleQuery"])
    assert '# below as {"Authorization": "Bearer <access token>"}' in example
    assert "Sign in with Visma" not in example and "Sign in with Visma" not in str(
        config["tokenHelp"]
    )
    result = await gateway.query(example)
    assert "errors" not in result
    assert result["data"]["suppliers"]["totalCount"] == 240
    assert result["data"]["customers"]["totalCount"] == 420


async def test_with_sign_in_configured_the_example_and_the_help_name_it(sim: Simulator) -> None:
    settings = Settings(
        oauth_client_id="explorer",
        oauth_client_secret="explorer-secret",
        oauth_redirect_uri="https://gateway.example/auth/callback",
    )
    async with running(sim, settings) as gateway:
        page = await gateway.client.get("/graphql", headers={"Accept": "text/html"})
    config = embedded_config(page.text)
    assert '"Sign in with Visma"' in str(config["exampleQuery"])
    assert '"Sign in with Visma"' in str(config["tokenHelp"])
