"""The GraphQL surface of the gateway: types, inputs and resolvers; no HTTP code."""

from __future__ import annotations

import logging
from functools import partial

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.types import ExecutionContext

from gateway.settings import Settings
from schema.cost import CostLimiter
from schema.error_codes import ErrorCodes, known_code
from schema.executor import RecordExecutor
from schema.extensions import OperationAccounting
from schema.mutation import Mutation
from schema.query import Query
from schema.subscription import Subscription
from schema.types.record import RECORDS_CONFIG, read_directly

log = logging.getLogger(__name__)


class GatewaySchema(strawberry.Schema):
    """Logs errors as one line each: coded errors are expected answers, and unexpected ones
    were logged with their traceback when they were masked."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            code = known_code(error) or "-"
            log.info("graphql error %s at %s: %s", code, _path(error), error.message)


def _path(error: GraphQLError) -> str:
    return ".".join(str(part) for part in error.path or []) or "-"


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema with the query limits, caches and error masking of ``settings``."""
    schema = GatewaySchema(
        config=RECORDS_CONFIG,
        execution_context_class=RecordExecutor,
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[
            partial(QueryDepthLimiter, max_depth=settings.max_depth),
            partial(MaxAliasesLimiter, max_alias_count=settings.max_aliases),
            partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
            partial(ParserCache, maxsize=256),
            partial(ValidationCache, maxsize=256),
            # Before ErrorCodes: its errors are logged while the operation id is still set.
            OperationAccounting,
            ErrorCodes,
            CostLimiter,
        ],
    )
    read_directly(schema)
    return schema
