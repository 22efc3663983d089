"""Structured logs: one JSON object per line, carrying the id of the GraphQL operation.

Nothing here ever sees a token: the gateway logs principals' digests at most.
"""

from __future__ import annotations

import contextvars
import json
import logging
import time
from typing import IO

operation_id: contextvars.ContextVar[str] = contextvars.ContextVar("operation_id", default="-")

# Record attributes that are not extra fields (uvicorn adds a coloured copy of its message).
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {
    "message",
    "asctime",
    "operation",
    "color_message",
}


class OperationFilter(logging.Filter):
    """Stamps each record with the operation being served when it was logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.operation = operation_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "operation": getattr(record, "operation", "-"),
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def json_handler(stream: IO[str] | None = None) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.addFilter(OperationFilter())
    handler.setFormatter(JsonFormatter())
    return handler


def configure_logging(level: str) -> None:
    """Send every log record, uvicorn's included, as JSON lines to standard error."""
    handler = json_handler()
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # httpx logs every request URL at INFO; the gateway logs its own calls.
    logging.getLogger("httpx").setLevel(logging.WARNING)
