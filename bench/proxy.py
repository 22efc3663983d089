"""Debian's nginx in front of gateway replicas on loopback, with the compose file's proxy config.

``deploy/nginx/gateway.conf`` is included as it is; only the two files it leaves to each
place (where to listen, where the replicas are) are written here, next to a main
``nginx.conf`` that keeps pid, logs and temporary files in a throw-away directory, so nginx
runs without root. The access log names the replica of every request (``replicas_used``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

GATEWAY_CONF = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "gateway.conf"
NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
)

_MAIN_CONF = """\
daemon off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    log_format replicas '$upstream_addr $status $request_method $uri';
    access_log {root}/access.log replicas;
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {gateway_conf};
}}
"""


class Nginx:
    """A running nginx: its base URL and what its access log says about the replicas."""

    def __init__(self, url: str, root: Path) -> None:
        self.url = url
        self.root = root

    def access_log(self) -> list[str]:
        """``<replica> <status> <method> <path>`` per request so far."""
        log = self.root / "access.log"
        return log.read_text().splitlines() if log.exists() else []

    def replicas_used(self) -> Counter[str]:
        """Requests per replica address (``host:port``), from the access log so far."""
        counts: Counter[str] = Counter()
        for line in self.access_log():
            upstream = line.split(" ", 1)[0]
            if upstream != "-":  # answered by nginx itself
                # Tried on two replicas: "a:1, b:2"; the last one answered.
                counts[upstream.split(", ")[-1]] += 1
        return counts

    def error_log(self) -> str:
        log = self.root / "error.log"
        return log.read_text() if log.exists() else ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def nginx(replicas: list[str], port: int | None = None) -> Iterator[Nginx]:
    """nginx on loopback (``port``, or a free one), balancing over ``replicas`` (``host:port``
    each)."""
    if NGINX is None:
        raise RuntimeError("nginx is not installed (make services installs it)")
    with tempfile.TemporaryDirectory(prefix="gateway-nginx-") as tmp:
        root = Path(tmp)
        # As root, nginx's workers run as nobody and must reach their temporary files.
        root.chmod(0o755)
        port = port or free_port()
        site = root / "gateway.d"
        site.mkdir()
        (site / "listen.conf").write_text(f"listen 127.0.0.1:{port};\n")
        (site / "upstreams.conf").write_text(
            "".join(f"server {address} max_fails=2 fail_timeout=10s;\n" for address in replicas)
        )
        conf = root / "nginx.conf"
        conf.write_text(_MAIN_CONF.format(root=root, gateway_conf=GATEWAY_CONF))
        child = subprocess.Popen(  # noqa: S603 - nginx with our own config
            [NGINX, "-p", str(root), "-e", str(root / "error.log"), "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _wait_for_port(port, child, root)
            yield Nginx(f"http://127.0.0.1:{port}", root)
        finally:
            child.terminate()
            child.wait(timeout=15)
            if child.stderr is not None:
                child.stderr.close()


def _wait_for_port(port: int, child: subprocess.Popen[bytes], root: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if child.poll() is not None:
            stderr = child.stderr.read().decode() if child.stderr is not None else ""
            log = (root / "error.log").read_text() if (root / "error.log").exists() else ""
            raise RuntimeError(f"nginx exited with {child.returncode}: {stderr}{log}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError("nginx did not start listening")
