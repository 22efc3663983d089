"""Children asked for with their parents: a cold page of parents whose nested list the
planner will read in bulk starts that read at once, instead of after the parents' page.

The planner (``gateway.upstream.batching``) reads a nested list for a page of parents as the
whole filtered collection when that is cheaper, starting, when it has never seen the list's
size, with a probe of its first page. That probe does not depend on the parents, so when the
query selects the nested list (without a filter of its own) under a page of more than one
parent, it is sent together with the parents' page; the planner finds its answer in the
operation's memo and goes on. A cold Q1 then waits for two round trips: the parents with the
first pages of each list, then the lists' remaining pages.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping

from graphql import FieldNode, FragmentDefinitionNode

from gateway.resources.declaration import ParentLink, Resource
from gateway.resources.registry import RESOURCES
from schema.context import Info
from schema.selections import selected_fields

# What a nested list's own arguments may be for its probe to be the planner's: windows only.
_WINDOW_ARGUMENTS = frozenset({"first", "after", "last", "before"})


def start_child_probes(info: Info, parent: Resource, parents: int) -> None:
    """Start the probe of every nested list of ``parent`` the selection asks for, when the
    page holds more than one parent (one parent is read per key, never in bulk)."""
    if parents < 2:
        return
    raw = info._raw_info
    selected = {
        node.name.value: node
        for node in _under_nodes(raw.field_nodes, raw.fragments)
        if all(argument.name.value in _WINDOW_ARGUMENTS for argument in node.arguments or ())
    }
    planner = info.context.loaders.planner
    for child, link in _children(parent):
        if link.field in selected:
            probe = asyncio.ensure_future(planner.probe(child, {}))
            probe.add_done_callback(_settled)


def _children(parent: Resource) -> Iterator[tuple[Resource, ParentLink]]:
    """The lists under ``parent`` the planner may read in bulk from a page of Visma's."""
    for child in RESOURCES:
        for link in child.parents:
            if link.parent == parent.name and link.filtered and link.grouped and child.paged:
                yield child, link


def _under_nodes(
    roots: list[FieldNode], fragments: Mapping[str, FragmentDefinitionNode]
) -> Iterator[FieldNode]:
    """The fields selected on each item of the connections ``roots`` (``nodes { … }`` and
    ``edges { node { … } }``)."""
    for root in roots:
        for field in selected_fields(root.selection_set, fragments):
            if field.name.value == "nodes":
                yield from selected_fields(field.selection_set, fragments)
            elif field.name.value == "edges":
                for inner in selected_fields(field.selection_set, fragments):
                    if inner.name.value == "node":
                        yield from selected_fields(inner.selection_set, fragments)


def _settled(probe: asyncio.Future[None]) -> None:
    # The planner reads the same answer (or meets the same failure) when it gets there.
    if not probe.cancelled():
        probe.exception()
