"""The explorer: GraphiQL served entirely from the gateway's own origin.

GraphiQL's files come from npm at build time (``make install`` runs ``npm ci`` and copies them
into ``gateway/static/vendor/``; the Dockerfile does the same in a build stage), so the page
makes no request to any other host. Strawberry's stock page loads them from a public CDN,
which many company networks block.
"""

from __future__ import annotations

import json
from pathlib import Path

from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from gateway.settings import Settings

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
STATIC_PATH = "/graphiql/static"
VENDOR_FILES = (
    "react.production.min.js",
    "react-dom.production.min.js",
    "graphiql.min.js",
    "graphiql.min.css",
)
PLACEHOLDER_HEADERS = {"Authorization": "Bearer <your Visma Connect access token>"}
# The first tab's query: both ledgers, suppliers and customers with their nested lists (the
# customers' lists shorter, so that the whole stays under the default objects limit).
EXAMPLE_QUERY = """{
  suppliers(first: 50) {
    totalCount
    nodes {
      number
      name
      invoices(first: 100) { totalCount nodes { referenceNumber amount balance status } }
      purchaseOrders(first: 100) { nodes { orderNbr status orderTotal } }
      payments(first: 100) { nodes { refNbr paymentAmount } }
    }
  }
  customers(first: 50) {
    totalCount
    nodes {
      number
      name
      invoices(first: 20) { totalCount nodes { referenceNumber amount balance status } }
      salesOrders(first: 20) { nodes { orderNo status orderTotal } }
      payments(first: 20) { nodes { refNbr paymentAmount } }
    }
  }
}
"""
# Everything the page loads comes from this origin; GraphiQL styles some elements inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Visma.net GraphQL gateway: explorer</title>
<link rel="stylesheet" href="{static}/vendor/graphiql.min.css">
<link rel="stylesheet" href="{static}/explorer.css">
</head>
<body>
<header class="explorer-bar">
  <strong>Visma.net GraphQL gateway</strong>
  <span id="sign-in-status"></span>
  <a id="sign-in" href="/auth/login" hidden>Sign in with Visma</a>
  <button id="sign-out" type="button" hidden>Sign out</button>
</header>
<main id="graphiql">Loading the explorer…</main>
<script id="explorer-config" type="application/json">{config}</script>
<script src="{static}/vendor/react.production.min.js"></script>
<script src="{static}/vendor/react-dom.production.min.js"></script>
<script src="{static}/vendor/graphiql.min.js"></script>
<script src="{static}/explorer.js"></script>
</body>
</html>
"""

_NOT_BUILT = """The explorer's files are not built.

GraphiQL is installed from npm at build time and served from this gateway's own origin.
Build it with `make install` (it runs `npm ci && npm run build`), or use the container image,
which builds it in its `assets` stage. The GraphQL endpoint itself works without it: POST here.
"""


class ExplorerPage:
    """Renders the GraphiQL page with the headers editor pre-filled: the demo token of
    company A in demo mode, otherwise an ``Authorization`` placeholder."""

    def __init__(self, settings: Settings, *, sign_in: bool) -> None:
        headers = PLACEHOLDER_HEADERS
        if settings.demo:
            from gateway.simulator import COMPANY_A_TENANT, demo_token

            headers = {"Authorization": f"Bearer {demo_token(COMPANY_A_TENANT)}"}
        config = {
            "endpoint": "/graphql",
            "headers": json.dumps(headers, indent=2),
            "signIn": sign_in,
            "exampleQuery": example_query(demo=settings.demo, sign_in=sign_in),
            "tokenHelp": token_help(sign_in=sign_in),
        }
        # "<" escaped so that no value can close the script element it is embedded in.
        embedded = json.dumps(config).replace("<", "\\u003c")
        self.html = _PAGE.format(static=STATIC_PATH, config=embedded)

    def response(self) -> Response:
        if not assets_built():
            return PlainTextResponse(_NOT_BUILT, status_code=503)
        return HTMLResponse(
            self.html,
            headers={
                "Content-Security-Policy": CONTENT_SECURITY_POLICY,
                "Cache-Control": "no-cache",
            },
        )


def token_help(*, sign_in: bool) -> str:
    """What the explorer answers, without sending anything, while it has no token."""
    ways = 'put {"Authorization": "Bearer <access token>"} in the Headers tab below'
    if sign_in:
        ways = f'press "Sign in with Visma" at the top, or {ways}'
    return f"Every request needs a Visma Connect access token: {ways}."


def example_query(*, demo: bool, sign_in: bool) -> str:
    """The first tab: how to authenticate, as comments, above the canonical query."""
    if demo:
        how = [
            "Demo mode: the Headers tab below already holds the demo token of company A;",
            "press the run button (Ctrl-Enter).",
        ]
    else:
        how = [
            "Every request needs your Visma Connect access token. Put it in the Headers tab",
            'below as {"Authorization": "Bearer <access token>"}',
        ]
        if sign_in:
            how.append('or press "Sign in with Visma" at the top')
        how.append("and then press the run button (Ctrl-Enter).")
    lines = [
        "Welcome to the Visma.net GraphQL gateway.",
        "",
        *how,
        "",
        "Both ledgers: suppliers with their invoices, purchase orders and payments, and",
        "customers with their invoices, sales orders and payments; a few Visma calls instead",
        "of one per supplier or customer and list; extensions.upstream counts them.",
    ]
    comments = "".join(f"# {line}".rstrip() + "\n" for line in lines)
    return f"{comments}{EXAMPLE_QUERY}"


def assets_built() -> bool:
    return all((STATIC_DIR / "vendor" / name).is_file() for name in VENDOR_FILES)


def explorer_routes() -> list[BaseRoute]:
    """The explorer's own files and GraphiQL's, under ``/graphiql/static/``."""
    return [Mount(STATIC_PATH, app=StaticFiles(directory=STATIC_DIR, check_dir=False))]
