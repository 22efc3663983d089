"""Global object identification: every record type implements ``Node``.

A Node id is the base64url (unpadded) of ``<TypeName>:<JSON list of key parts>``; Visma's own
key of a record is also exposed, uniformly, as ``vismaId`` (its key parts joined by ``/``).
"""

from __future__ import annotations

import base64
import binascii
import json
from json.encoder import encode_basestring_ascii as json_text

import strawberry

from gateway.resources.declaration import Item, RecordKey, Resource
from gateway.resources.registry import BY_NAME

# Fields every record type answers from its key alone, without reading the record.
FROM_KEY = frozenset({"id", "vismaId", "__typename"})
VISMA_ID = "Visma.net's own key of the record, its parts joined by `/` as in the record's path."


@strawberry.interface(description="An object with a global id that `node(id:)` reads again.")
class Node:
    @strawberry.field(description="Opaque, stable global id; `node(id:)` refetches the record.")
    def id(self) -> strawberry.ID:
        raise NotImplementedError  # every record type answers its own


def encode_id(resource: Resource, key: RecordKey) -> strawberry.ID:
    """The global id of the record of ``resource`` with ``key``."""
    # The JSON list of the key's parts (text), written as ``json.dumps`` would without its
    # per-call set-up, which every record of a large answer paid.
    raw = f"{resource.name}:[{','.join(map(json_text, key))}]".encode()
    return strawberry.ID(base64.urlsafe_b64encode(raw).rstrip(b"=").decode())


def decode_id(node_id: str) -> tuple[Resource, RecordKey] | None:
    """The resource and key a global id names; None for anything ``encode_id`` did not write."""
    try:
        raw = base64.urlsafe_b64decode(node_id + "=" * (-len(node_id) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    name, sep, key = raw.partition(":")
    resource = BY_NAME.get(name)
    if not sep or resource is None:
        return None
    try:
        parts = json.loads(key)
    except ValueError:
        return None
    if not isinstance(parts, list) or len(parts) != resource.key_parts:
        return None
    if not all(isinstance(part, str) and part for part in parts):
        return None
    return resource, tuple(parts)


def record_id(resource: Resource, data: Item) -> strawberry.ID:
    """The global id of a record Visma sent (its key read as the declaration says)."""
    return encode_id(resource, resource.record_key(data) or ())


def visma_id(resource: Resource, data: Item) -> str:
    """Visma's own key of a record, its parts joined by ``/`` as in the record's path."""
    return "/".join(resource.record_key(data) or ())
