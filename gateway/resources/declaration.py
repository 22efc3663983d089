"""What the gateway knows of one Visma.net resource, declared once.

A ``Resource`` is the only place that names a resource's paths, key, cache lifetime, webhook
events, parent links and references; the cache, the planner, the cost estimate, webhook
invalidation and subscriptions read their tables from the declarations in ``registry``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, cast

Item = dict[str, Any]
RecordKey = tuple[str, ...]
Path = tuple[str, ...]


def _text(value: Any) -> str | None:
    """A key part as text: Visma's keys are strings or integers (a contact's ``contactId``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) and value else None


def read_path(item: Item, path: Path) -> str | None:
    """The text at ``path`` (``("supplier", "number")``) of a Visma record, if any; an
    integer reads as its decimal digits."""
    value: Any = item
    for name in path:
        value = value.get(name) if isinstance(value, dict) else None
    return _text(value)


@dataclass(frozen=True)
class ParentLink:
    """How records hang under a parent record: ``field`` on the parent type lists them,
    filtered upstream with the list parameter ``param`` and grouped by ``item_path``. A list
    Visma cannot filter by the parent (no ``param``) is read whole and grouped; one whose
    records do not name their parent (no ``item_path``: a receipt names its orders on its
    lines) is read per parent only.

    ``many`` is False for one record per parent (a supplier's balance), which the gateway
    reads by the parent's key (or the whole list at once) rather than as a connection;
    ``value`` then names the one property of that record the field answers, where the field
    answers a value rather than the record (a supplier's ``balance`` is an amount).
    """

    parent: str
    field: str
    item_path: Path | None
    param: str | None = None
    many: bool = True
    value: str | None = None

    @property
    def filtered(self) -> bool:
        """Whether Visma filters the list by the parent (else it is read whole)."""
        return self.param is not None

    @property
    def grouped(self) -> bool:
        """Whether a bulk read of the list can be grouped by parent."""
        return self.item_path is not None


@dataclass(frozen=True)
class LineOf:
    """A reference to one line of the target record: the item of its ``lines`` whose
    ``key`` equals the value at ``key_path`` (a receipt line names its order's line)."""

    lines: str
    key: str
    key_path: Path


@dataclass(frozen=True)
class Reference:
    """A DTO property naming another resource: ``target`` read by the key at ``key_path``
    inside the inline value. ``owner`` is the GraphQL type holding the field when it is a
    nested DTO (a payment line); ``inline`` the fields Visma sends inline, answered without
    a call (None: every selection reads the record); ``line`` makes the field one line of
    the target record rather than the record."""

    field: str
    target: str
    key_paths: tuple[Path, ...]
    owner: str | None = None
    inline: frozenset[str] | None = None
    line: LineOf | None = None


def line_references(owner: str, *references: Reference) -> tuple[Reference, ...]:
    """``references`` held by the nested type ``owner`` (a document's lines)."""
    return tuple(replace(ref, owner=owner) for ref in references)


class Wire(StrEnum):
    """How one property of an update DTO goes on the wire, as the spec types it: a scalar
    wrapped as ``{"value": x}`` (``DtoValueOf<X>``) or plain, an object wrapped
    (``{"value": {...}}``) or plain, or a plain list of objects (lines)."""

    VALUE = "value"
    PLAIN = "plain"
    VALUE_OBJECT = "valueObject"
    OBJECT = "object"
    OBJECTS = "objects"


@dataclass(frozen=True)
class Writes:
    """How a resource is written: ``dto`` is the spec's update DTO that both its POST and its
    PUT take (``CustomerUpdateDto``); ``required`` the properties a create must give (non-null
    in the create input, never cleared by an update) and ``create_only`` those only a create
    may give (left out of the update input); ``key_fields`` the properties carrying the
    record's key parts on create, in key order, when they are not named as the key is (a
    supplier location's ``baccountId`` and ``locationId``); ``defaults`` the values a create
    sends for properties its input leaves out, Visma's own defaults, declared where the
    record cannot be read back without them (a supplier invoice's ``documentType``). The
    create and update inputs, their mutations and their wire format follow from the spec's
    DTO."""

    dto: str
    required: tuple[str, ...] = ()
    create_only: tuple[str, ...] = ()
    key_fields: tuple[str, ...] = ()
    defaults: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Alias:
    """A deprecated GraphQL name kept for a Visma property: the field ``name`` on the type
    ``owner`` (the resource's name for its own DTO, else a nested type's name) answers what
    the property ``visma`` of the same DTO answers, typed and described as it is."""

    owner: str
    name: str
    visma: str


@dataclass(frozen=True)
class Resource:
    """One Visma.net resource.

    ``path`` lists the records, ``record_path`` reads one (a ``{}`` per key part, in the order
    of ``key``); None where the spec has no read of one record (units of measure), and then
    a record is found by its key in the whole list. ``kind`` names it for cache lifetimes and
    invalidation. ``events`` are the webhook event names that announce its changes
    (lowercase, letters only, matched as prefixes), ``invalidates`` the other kinds such a
    change makes stale, ``subscription`` the Subscription field that delivers those changes
    (for engine-built types). ``paged`` is False for the few lists Visma answers whole.
    ``key_path`` reads the key from an item when it is not the ``key`` properties themselves
    (a balance is keyed by its supplier). ``parents`` are the links that list the records
    under parent records (a contact under its supplier and under its customer). ``aliases``
    are names the schema had before it used Visma's, kept as deprecated fields. ``writes``
    declares its create and update mutations, built from the spec's update DTO.
    """

    name: str
    kind: str
    dto: str
    path: str
    record_path: str | None
    key: tuple[str, ...]
    ttl: int
    plural: str | None = None
    singular: str | None = None
    paged: bool = True
    key_path: tuple[Path, ...] | None = None
    parents: tuple[ParentLink, ...] = ()
    references: tuple[Reference, ...] = ()
    events: tuple[str, ...] = ()
    invalidates: tuple[str, ...] = ()
    subscription: str | None = None
    aliases: tuple[Alias, ...] = ()
    writes: Writes | None = None

    @property
    def segment(self) -> str:
        """The path segment after ``/v1`` that names the collection, lowercased."""
        return self.path.split("/")[2].lower()

    @property
    def single_path(self) -> str:
        """``record_path`` of a resource that has one (writes, the simulator's record route)."""
        if self.record_path is None:
            raise ValueError(f"{self.name} has no read of one record")
        return self.record_path

    @property
    def key_parts(self) -> int:
        """How many path values address one record."""
        return len(self.key)

    def record_key(self, item: Item) -> RecordKey | None:
        """The key of a record, or None when the record lacks one."""
        parts = (
            [_text(item.get(name)) for name in self.key]
            if self.key_path is None
            else [read_path(item, path) for path in self.key_path]
        )
        return None if None in parts else tuple(cast(list[str], parts))
