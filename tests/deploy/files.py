"""The repository's deployment files, read for the tests that check them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from gateway.settings import _ENV_NAMES

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "compose.yaml"
NGINX_CONF = ROOT / "deploy" / "nginx" / "gateway.conf"
KUBERNETES = ROOT / "deploy" / "kubernetes"
DOCKERFILE = ROOT / "Dockerfile"

# Values that must come from the environment or a Secret, never from a committed file.
SECRETS = (
    "GATEWAY_WEBHOOK_SECRET",
    "GATEWAY_SESSION_SECRET",
    "VISMA_OAUTH_CLIENT_SECRET",
)
# Every environment variable the gateway reads.
SETTINGS_VARIABLES = frozenset(_ENV_NAMES.values())


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def dockerfile_user_id() -> int:
    """The uid the Dockerfile's image runs as (its USER line)."""
    match = re.search(r"^USER\s+(\d+)\s*$", DOCKERFILE.read_text(), re.MULTILINE)
    assert match, "the Dockerfile names its user by uid"
    return int(match.group(1))


def dockerfile_port() -> int:
    match = re.search(r"^EXPOSE\s+(\d+)\s*$", DOCKERFILE.read_text(), re.MULTILINE)
    assert match
    return int(match.group(1))


def memory_bytes(value: str) -> int:
    """'256mb' (Redis), '320m' (compose) or '384Mi' (Kubernetes) in bytes."""
    match = re.fullmatch(r"(\d+)\s*([kmg]?)(i?)b?", value.strip().lower())
    assert match, f"unreadable memory size {value!r}"
    number, unit, _ = match.groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit]
