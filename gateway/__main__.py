"""Command line: ``python -m gateway serve | simulator | export-schema``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import uvicorn

from gateway.logs import configure_logging
from gateway.redis_url import redact
from gateway.settings import Settings, SettingsError

# The demo's simulator signs its webhooks with this key (the demo has nothing to protect).
DEMO_WEBHOOK_SECRET = "demo-webhook-secret"  # noqa: S105


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="visma-gateway", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the GraphQL gateway")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--demo",
        action="store_true",
        help="answer from the embedded Visma.net simulator instead of VISMA_API_URL",
    )

    simulator = commands.add_parser("simulator", help="run the Visma.net simulator alone")
    simulator.add_argument("--host", default="127.0.0.1")
    simulator.add_argument("--port", type=int, default=8100)
    simulator.add_argument(
        "--hourly-budget", type=int, default=15000, help="calls per company and client per hour"
    )
    simulator.add_argument(
        "--latency", type=float, default=0.0, help="seconds added to every answer"
    )
    simulator.add_argument(
        "--scale",
        type=int,
        default=1,
        help="serve each demo company this many times its size (10: 60,000 supplier invoices)",
    )
    simulator.add_argument(
        "--webhook-url",
        default=None,
        help="send signed change webhooks here (key: GATEWAY_WEBHOOK_SECRET)",
    )

    commands.add_parser("export-schema", help="print the GraphQL schema (SDL)")

    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        if args.command == "serve" and args.demo:
            settings = settings.with_overrides(demo=True)
        if args.command == "serve" and settings.demo and not settings.webhook_secret:
            settings = settings.with_overrides(webhook_secret=DEMO_WEBHOOK_SECRET)
        if args.command == "serve" and settings.demo and not settings.oauth_redirect_uri:
            settings = settings.with_overrides(oauth_redirect_uri=_demo_redirect_uri(args))
    except SettingsError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2

    if args.command == "export-schema":
        from schema import build_schema

        print(build_schema(settings).as_str())
        return 0
    configure_logging(settings.log_level)
    if args.command == "simulator":
        from gateway.simulator import Simulator, SimulatorConfig
        from gateway.simulator.demodata import MAX_SCALE

        if not 1 <= args.scale <= MAX_SCALE:
            parser.error(f"--scale must be 1 to {MAX_SCALE}")
        sim = Simulator(
            SimulatorConfig(
                hourly_budget=args.hourly_budget,
                latency_seconds=args.latency,
                scale=args.scale,
                webhook_url=args.webhook_url,
                webhook_secret=settings.webhook_secret,
            )
        )
        _print_tokens(f"Visma.net simulator on http://{args.host}:{args.port}/v1")
        uvicorn.run(sim.app, host=args.host, port=args.port, log_level="warning")
        return 0

    from gateway.app import create_app
    from gateway.gc_tuning import tune_collector

    app = create_app(settings)
    url = f"http://{args.host}:{args.port}/graphql"
    if settings.demo:
        _print_tokens(f"GraphQL gateway (demo data) on {url}")
    else:
        print(f"GraphQL gateway on {url}, upstream {redact(settings.visma_api_url)}", flush=True)
    tune_collector()
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_config=None,
        access_log=False,
        ws_max_size=settings.max_body_bytes,
    )
    return 0


def _demo_redirect_uri(args: argparse.Namespace) -> str:
    """Where the demo's sign-in against the simulator returns: this server's callback."""
    host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host  # noqa: S104 - compared
    return f"http://{host}:{args.port}/auth/callback"


def _print_tokens(headline: str) -> None:
    from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, demo_token

    print(headline, flush=True)
    print("Demo tokens (send as 'Authorization: Bearer <token>'):")
    print(f"  company A: {demo_token(COMPANY_A_TENANT)}")
    print(f"  company B: {demo_token(COMPANY_B_TENANT)}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
