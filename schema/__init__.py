"""The GraphQL surface of the gateway: types, inputs and resolvers; no HTTP code."""

from __future__ import annotations

from functools import partial

import strawberry
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)

from gateway.settings import Settings
from schema.extensions import UpstreamUsage, should_mask
from schema.query import Query


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema with the query limits, caches and error masking of ``settings``."""
    return strawberry.Schema(
        query=Query,
        extensions=[
            partial(QueryDepthLimiter, max_depth=settings.max_depth),
            partial(MaxAliasesLimiter, max_alias_count=settings.max_aliases),
            partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
            partial(ParserCache, maxsize=256),
            partial(ValidationCache, maxsize=256),
            partial(MaskErrors, should_mask_error=should_mask),
            UpstreamUsage,
        ],
    )
