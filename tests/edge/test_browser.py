"""The explorer, the example page and the sign-in in real headless Chromium (Debian's).

Every request to anything but the gateway's own origin is refused and recorded; each test
ends by asserting that none was made. The gateway runs on a real loopback port in front of
the simulator. The GraphiQL test saves docs/graphiql-q1.png.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.async_api import Browser, BrowserContext, Error, Page, Route, async_playwright

from gateway.app import create_app
from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, Simulator
from gateway.simulator.connect import signed_in_token
from tests.conftest import TOKEN_A

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# The canonical query, on one line as a user would type it.
Q1 = (
    "{ suppliers(first: 50) { totalCount nodes { number name "
    "invoices(first: 100) { totalCount nodes { referenceNumber amount balance status } } "
    "purchaseOrders(first: 100) { nodes { orderNbr status orderTotal } } "
    "payments(first: 100) { nodes { refNbr paymentAmount } } } } }"
)
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "graphiql-q1.png"
TIMEOUT_MS = 30_000

# The text of every CodeMirror editor on the page (query, variables, headers, response).
EDITORS_JS = (
    "() => Array.from(document.querySelectorAll('.CodeMirror'), e => e.CodeMirror.getValue())"
)


@contextlib.asynccontextmanager
async def gateway_at(
    sim: Simulator, make_settings: Callable[[str], Settings]
) -> AsyncIterator[str]:
    """The gateway, with its lifespan, served by uvicorn on a free loopback port in front of
    ``sim``; yields its origin. ``make_settings`` gets that origin (for the redirect URI)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    origin = f"http://127.0.0.1:{port}"
    app = create_app(make_settings(origin), upstream_transport=httpx.ASGITransport(app=sim.app))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    async with app.router.lifespan_context(app):
        task = asyncio.create_task(server.serve())
        while not server.started:  # noqa: ASYNC110 - uvicorn offers a flag, not an event
            await asyncio.sleep(0.01)
        try:
            yield origin
        finally:
            server.should_exit = True
            await task


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    if not CHROMIUM.exists():  # noqa: ASYNC240 - one stat before anything runs
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    async with async_playwright() as playwright:
        try:
            launched = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
        except Error as error:
            pytest.skip(f"chromium cannot be started here: {error.message.splitlines()[0]}")
        try:
            yield launched
        finally:
            await launched.close()


@contextlib.asynccontextmanager
async def page_on(browser: Browser, origin: str) -> AsyncIterator[tuple[Page, list[str]]]:
    """A page that may only reach ``origin``; yields it and the list of refused requests."""
    context: BrowserContext = await browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    refused: list[str] = []

    async def only_the_gateway(route: Route) -> None:
        url = route.request.url
        if url == origin or url.startswith(origin + "/"):
            await route.continue_()
        else:
            refused.append(url)
            await route.abort()

    await context.route("**/*", only_the_gateway)
    try:
        yield await context.new_page(), refused
    finally:
        await context.close()


async def editors(page: Page) -> list[str]:
    texts: list[str] = await page.evaluate(EDITORS_JS)
    return texts


async def run_in_graphiql(page: Page, query: str, pause: float = 0.0) -> None:
    """Type ``query`` into GraphiQL's query editor as a user would, and run it (after
    ``pause`` seconds, which GraphiQL may need to parse what was typed)."""
    await page.locator(".graphiql-query-editor .CodeMirror").first.click()
    await page.keyboard.press("Control+A")
    await page.keyboard.press("Delete")
    await page.keyboard.type(query)
    # CodeMirror closes brackets as they are typed; typing the closing ones steps over them.
    assert (await editors(page))[0] == query
    await asyncio.sleep(pause)
    await page.locator(".graphiql-execute-button").click()


async def test_graphiql_runs_q1_from_the_gateways_own_origin(
    browser: Browser, sim: Simulator
) -> None:
    async with (
        gateway_at(sim, lambda _: Settings(demo=True)) as origin,
        page_on(browser, origin) as (page, refused),
    ):
        await page.goto(f"{origin}/graphql")
        await page.locator(".graphiql-query-editor .CodeMirror").wait_for()
        assert f"Bearer {TOKEN_A}" in "".join(await editors(page))

        await run_in_graphiql(page, Q1)
        await page.wait_for_function(
            f"() => ({EDITORS_JS})().some(t => t.includes('\"totalCount\": 240'))"
        )
        response = next(t for t in await editors(page) if '"totalCount": 240' in t)
        assert '"errors"' not in response
        await page.get_by_label("Prettify query (Shift-Ctrl-P)").click()
        await page.wait_for_function(f"() => ({EDITORS_JS})()[0].includes('\\n')")
        SCREENSHOT.parent.mkdir(exist_ok=True)
        await page.screenshot(path=str(SCREENSHOT))
        assert refused == []
    assert any(call.path.startswith("/v1/supplierInvoice") for call in sim.calls)


async def test_the_example_page_lists_suppliers_and_pages(browser: Browser, sim: Simulator) -> None:
    async with (
        gateway_at(sim, lambda _: Settings(demo=True)) as origin,
        page_on(browser, origin) as (page, refused),
    ):
        await page.goto(f"{origin}/examples/suppliers/")
        await page.wait_for_function("() => document.getElementById('token').value !== ''")
        await page.get_by_role("button", name="Load suppliers").click()
        await page.get_by_text("Page 1 of 24").wait_for()
        rows = page.locator("#suppliers tbody tr")
        assert await rows.count() == 10
        first_page = await rows.first.locator("td").first.text_content()
        assert "open" in (await rows.first.locator("td").nth(2).text_content() or "")

        await page.get_by_role("button", name="Next page").click()
        await page.get_by_text("Page 2 of 24").wait_for()
        assert await rows.count() == 10
        assert await rows.first.locator("td").first.text_content() != first_page
        assert "240 suppliers" in (await page.locator("#status").text_content() or "")
        assert refused == []
    open_filters = [call for call in sim.calls if call.params.get("status") == "Open"]
    assert open_filters, "the open-invoice filter reached Visma"


async def test_the_customer_example_page_lists_customers_with_their_lists(
    browser: Browser, sim: Simulator
) -> None:
    async with (
        gateway_at(sim, lambda _: Settings(demo=True)) as origin,
        page_on(browser, origin) as (page, refused),
    ):
        await page.goto(f"{origin}/examples/customers/")
        await page.wait_for_function("() => document.getElementById('token').value !== ''")
        await page.get_by_role("button", name="Load customers").click()
        await page.get_by_text("Page 1 of 42").wait_for()
        rows = page.locator("#customers tbody tr")
        assert await rows.count() == 10
        assert "in all" in (await rows.first.locator("td").nth(2).text_content() or "")
        assert "420 customers" in (await page.locator("#status").text_content() or "")
        assert refused == []
    assert any(call.path == "/v1/salesorder" for call in sim.calls)


async def test_sign_in_with_visma_fills_the_explorers_headers(
    browser: Browser, sim: Simulator
) -> None:
    def demo_with_sign_in(origin: str) -> Settings:
        return Settings(demo=True, oauth_redirect_uri=f"{origin}/auth/callback")

    async with (
        gateway_at(sim, demo_with_sign_in) as origin,
        page_on(browser, origin) as (page, refused),
    ):
        await page.goto(f"{origin}/graphql")
        await page.get_by_role("link", name="Sign in with Visma").click()
        await page.get_by_text("Signed in with Visma: the Headers tab").wait_for()
        assert page.url == f"{origin}/graphql"
        await page.locator(".graphiql-query-editor .CodeMirror").wait_for()
        headers = "".join(await editors(page))
        assert f"Bearer {signed_in_token()}" in headers
        assert TOKEN_A not in headers

        sim.reset_calls()
        await run_in_graphiql(page, '{ supplier(number: "10001") { number name } }')
        await page.wait_for_function(
            f'() => ({EDITORS_JS})().some(t => t.includes(\'"number": "10001"\'))'
        )
        assert refused == []
    assert sim.calls and all(
        call.authorization == f"Bearer {signed_in_token()}" for call in sim.calls
    )


async def test_without_a_token_the_explorer_says_how_to_sign_in_and_sends_nothing(
    browser: Browser, sim: Simulator
) -> None:
    async with (
        gateway_at(sim, lambda _: Settings()) as origin,
        page_on(browser, origin) as (page, refused),
    ):
        posts: list[str] = []
        page.on(
            "request",
            lambda request: (
                posts.append(request.post_data or "") if request.method == "POST" else None
            ),
        )
        await page.goto(f"{origin}/graphql")
        await page.locator(".graphiql-query-editor .CodeMirror").wait_for()
        help_shown = "Every request needs a Visma Connect access token"
        await page.wait_for_function(
            f"() => ({EDITORS_JS})().some(t => t.includes({help_shown!r}))"
        )
        first_tab = (await editors(page))[0]
        assert "suppliers(first: 50)" in first_tab
        assert '{"Authorization": "Bearer <access token>"}' in first_tab
        assert "Missing Authorization" not in "".join(await editors(page))
        assert posts == []

        # A token put into the Headers tab loads the schema; the first tab's query runs.
        async with page.expect_request(
            lambda request: request.method == "POST" and "__schema" in (request.post_data or "")
        ):
            await page.evaluate(
                """token => {
                    const editor = Array.from(document.querySelectorAll('.CodeMirror'))
                        .map(e => e.CodeMirror)
                        .find(cm => cm.getValue().startsWith('{\\n  "Authorization"'));
                    editor.setValue(JSON.stringify({Authorization: 'Bearer ' + token}));
                }""",
                TOKEN_A,
            )
        await page.locator(".graphiql-execute-button").click()
        await page.wait_for_function(
            f"() => ({EDITORS_JS})().some(t => t.includes('\"totalCount\": 240'))"
        )
        assert refused == []


async def test_graphiql_runs_a_subscription_over_a_websocket(
    browser: Browser, sim: Simulator
) -> None:
    secret = "browser-webhook-key"
    sim.config.webhook_secret = secret
    async with (
        gateway_at(sim, lambda _: Settings(demo=True, webhook_secret=secret)) as origin,
        page_on(browser, origin) as (page, refused),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=sim.app), base_url="http://sim"
        ) as sim_client,
    ):
        sim.config.webhook_url = f"{origin}/webhooks/visma"
        await page.goto(f"{origin}/graphql")
        await page.locator(".graphiql-query-editor .CodeMirror").wait_for()
        await run_in_graphiql(page, "subscription { supplierChanged { number name } }", 0.5)

        # Changes until one arrives: the subscription starts a moment after the click.
        for _ in range(50):
            await sim_client.post(
                "/_simulator/webhooks/trigger",
                json={"tenant": COMPANY_A_TENANT, "entity": "supplier", "number": "10001"},
            )
            if any('"number": "10001"' in text for text in await editors(page)):
                break
            await asyncio.sleep(0.2)
        response = next(t for t in await editors(page) if '"supplierChanged"' in t)
        assert '"number": "10001"' in response
        assert '"errors"' not in response
        assert refused == []
