"""Every error of an operation leaves with an ``extensions.code``.

- Our own ``GatewayError``s carry theirs.
- Syntax errors (the token limit's included) are ``GRAPHQL_PARSE_FAILED``.
- Validation errors (the depth and alias limits' included) are ``GRAPHQL_VALIDATION_FAILED``.
- Variables that cannot be coerced (missing, wrong type) are ``BAD_USER_INPUT``, and so is
  text Visma cannot be sent (a lone UTF-16 surrogate in a string).
- Anything else is masked as ``INTERNAL_SERVER_ERROR``, logged with its traceback.

Field errors of one cause (say, RATE_LIMITED on every line of a list) are reported once, with
the paths they cover in ``extensions.paths`` (at most ``MAX_PATHS``) and their number in
``extensions.count``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError, GraphQLSyntaxError, VariableDefinitionNode
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult

from gateway.errors import GatewayError

log = logging.getLogger(__name__)

PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_USER_INPUT = "BAD_USER_INPUT"
INTERNAL = "INTERNAL_SERVER_ERROR"
MAX_PATHS = 20
MASKED_MESSAGE = "Unexpected error."


class ErrorCodes(SchemaExtension):
    """Codes, masks and folds the errors of the operation's result."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if isinstance(result, GraphQLExecutionResult | ExecutionResult) and result.errors:
            result.errors = fold([coded(error) for error in result.errors])


def coded(error: GraphQLError) -> GraphQLError:
    """``error`` with its code; an unexpected one replaced by a masked copy."""
    if known_code(error) is not None:
        return error
    original = error.original_error
    if _is_lone_surrogate(original):
        return GraphQLError(
            "A text argument holds a lone UTF-16 surrogate (such as \\ud800), which is no "
            "character; send valid Unicode text",
            nodes=error.nodes,
            path=error.path,
            extensions={"code": BAD_USER_INPUT},
        )
    log.error("unexpected error at %s", _path(error), exc_info=original or error)
    return GraphQLError(
        MASKED_MESSAGE, nodes=error.nodes, path=error.path, extensions={"code": INTERNAL}
    )


def known_code(error: GraphQLError) -> str | None:
    """Give ``error`` its code when it is of a known kind (in place); its code, or None.

    Also called by the schema's ``process_errors``: errors of parsing can leave the
    operation before ``ErrorCodes`` sees them."""
    code = (error.extensions or {}).get("code")
    if code:
        return str(code)
    original = error.original_error
    if isinstance(original, GatewayError):
        code = original.code
    elif isinstance(error, GraphQLSyntaxError):
        code = PARSE_FAILED
    elif error.nodes and isinstance(error.nodes[0], VariableDefinitionNode):
        code = BAD_USER_INPUT
    elif original is None and error.path is None:
        code = VALIDATION_FAILED
    else:
        return None
    error.extensions = {**(error.extensions or {}), "code": code}
    return code


def fold(errors: list[GraphQLError]) -> list[GraphQLError]:
    """One error per (code, message) among field errors, listing the paths it covers."""
    groups: dict[tuple[Any, str], list[GraphQLError]] = {}
    order: list[GraphQLError | tuple[Any, str]] = []
    for error in errors:
        if error.path is None:
            order.append(error)
            continue
        key = ((error.extensions or {}).get("code"), error.message)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(error)
    folded: list[GraphQLError] = []
    for item in order:
        if isinstance(item, GraphQLError):
            folded.append(item)
            continue
        group = groups[item]
        first = group[0]
        if len(group) == 1:
            folded.append(first)
            continue
        extensions = {
            **(first.extensions or {}),
            "count": len(group),
            "paths": [error.path for error in group[:MAX_PATHS]],
        }
        folded.append(
            GraphQLError(first.message, nodes=first.nodes, path=first.path, extensions=extensions)
        )
    return folded


def _is_lone_surrogate(error: BaseException | None) -> bool:
    return isinstance(error, UnicodeEncodeError) and "surrogate" in str(error.reason)


def _path(error: GraphQLError) -> str:
    return ".".join(str(part) for part in error.path or []) or "-"
