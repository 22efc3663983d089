"""Redis URLs: ``redis://`` or ``rediss://`` (TLS), read into connection options, and shown
without their password."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

SCHEMES = ("redis", "rediss")


@dataclass(frozen=True)
class RedisEndpoint:
    host: str
    port: int
    db: int
    password: str | None
    tls: bool


def is_redis_url(url: str) -> bool:
    """A ``redis://`` or ``rediss://`` URL with a host and a numeric database (or none)."""
    parts = urlsplit(url)
    database = parts.path.strip("/") or "0"
    return parts.scheme in SCHEMES and bool(parts.hostname) and database.isdigit()


def endpoint(url: str) -> RedisEndpoint:
    """The connection options of a URL ``is_redis_url`` accepted."""
    parts = urlsplit(url)
    return RedisEndpoint(
        host=parts.hostname or "localhost",
        port=parts.port or 6379,
        db=int(parts.path.strip("/") or 0),
        password=parts.password,
        tls=parts.scheme == "rediss",
    )


def redact(url: str) -> str:
    """``url`` with its user information (which may be a password) replaced by ``***``."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]))
