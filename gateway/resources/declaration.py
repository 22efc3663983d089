"""What the gateway knows of one Visma.net resource, declared once.

A ``Resource`` is the only place that names a resource's paths, key, cache lifetime, webhook
events, parent link and references; the cache, the planner, the cost estimate, webhook
invalidation and subscriptions read their tables from the declarations in ``registry``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Item = dict[str, Any]
RecordKey = tuple[str, ...]
Path = tuple[str, ...]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def read_path(item: Item, path: Path) -> str | None:
    """The text at ``path`` (``("supplier", "number")``) of a Visma record, if any."""
    value: Any = item
    for name in path:
        value = value.get(name) if isinstance(value, dict) else None
    return _text(value)


@dataclass(frozen=True)
class ParentLink:
    """How records hang under a parent record: ``field`` on the parent type lists them,
    filtered upstream with the list parameter ``param`` and grouped by ``item_path``.

    ``many`` is False for one record per parent (a supplier's balance), which the gateway
    reads by the parent's key (or the whole list at once) rather than as a connection.
    """

    parent: str
    field: str
    item_path: Path
    param: str | None = None
    many: bool = True


@dataclass(frozen=True)
class Reference:
    """A DTO property naming another resource: ``target`` read by the key at ``key_path``
    inside the inline value. ``owner`` is the GraphQL type holding the field when it is a
    nested DTO (a payment line); ``inline`` the fields Visma sends inline, answered without
    a call (None: every selection reads the record)."""

    field: str
    target: str
    key_paths: tuple[Path, ...]
    owner: str | None = None
    inline: frozenset[str] | None = None


@dataclass(frozen=True)
class Resource:
    """One Visma.net resource.

    ``path`` lists the records, ``record_path`` reads one (a ``{}`` per key part, in the order
    of ``key``). ``kind`` names it for cache lifetimes and invalidation. ``events`` are the
    webhook event names that announce its changes (lowercase, letters only, matched as
    prefixes), ``invalidates`` the other kinds such a change makes stale. ``paged`` is False
    for the few lists Visma answers whole. ``key_path`` reads the key from an item when it
    is not the ``key`` properties themselves (a balance is keyed by its supplier).
    """

    name: str
    kind: str
    dto: str
    path: str
    record_path: str
    key: tuple[str, ...]
    ttl: int
    plural: str | None = None
    singular: str | None = None
    paged: bool = True
    key_path: tuple[Path, ...] | None = None
    parent: ParentLink | None = None
    references: tuple[Reference, ...] = ()
    events: tuple[str, ...] = ()
    invalidates: tuple[str, ...] = ()

    @property
    def segment(self) -> str:
        """The path segment after ``/v1`` that names the collection, lowercased."""
        return self.path.split("/")[2].lower()

    @property
    def key_parts(self) -> int:
        """How many path values address one record."""
        return self.record_path.count("{}")

    def record_key(self, item: Item) -> RecordKey | None:
        """The key of a record, or None when the record lacks one."""
        paths = self.key_path or tuple((name,) for name in self.key)
        values = tuple(read_path(item, path) for path in paths)
        return None if None in values else tuple(v for v in values if v is not None)

    @property
    def parent_param(self) -> str:
        """The list parameter that filters by the parent; only resources that declare one
        are read per parent."""
        if self.parent is None or self.parent.param is None:
            raise ValueError(f"{self.name} declares no parent filter")
        return self.parent.param

    def parent_key(self, item: Item) -> str | None:
        """The key of the parent record an item belongs to (``parent.item_path``)."""
        return None if self.parent is None else read_path(item, self.parent.item_path)
