"""Inputs shared by several mutations: addresses, contacts and the line operation."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.inputs.wire import DtoBuilder


@strawberry.enum(description="What to do with a document line.")
class LineOperation(Enum):
    INSERT = strawberry.enum_value("Insert", description="Add the line.")
    UPDATE = strawberry.enum_value("Update", description="Change the line with this number.")
    DELETE = strawberry.enum_value("Delete", description="Remove the line with this number.")


@strawberry.input(description="What every mutation input carries.")
class MutationInput:
    client_mutation_id: str | None = strawberry.field(
        default=None, description="Echoed unchanged in the payload's `clientMutationId`."
    )


@strawberry.input(description="An address; omitted fields are left as they are.")
class AddressInput:
    address_line1: str | None = strawberry.UNSET
    address_line2: str | None = strawberry.UNSET
    address_line3: str | None = strawberry.UNSET
    postal_code: str | None = strawberry.UNSET
    city: str | None = strawberry.UNSET
    country_id: str | None = strawberry.UNSET
    county: str | None = strawberry.UNSET


@strawberry.input(description="A contact; omitted fields are left as they are.")
class ContactInput:
    name: str | None = strawberry.UNSET
    attention: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    web: str | None = strawberry.UNSET
    phone1: str | None = strawberry.UNSET
    phone2: str | None = strawberry.UNSET
    fax: str | None = strawberry.UNSET


def address_dto(value: AddressInput, dto: DtoBuilder) -> None:
    """``AddressUpdateDto``."""
    dto.value("addressLine1", "addressLine1", value.address_line1)
    dto.value("addressLine2", "addressLine2", value.address_line2)
    dto.value("addressLine3", "addressLine3", value.address_line3)
    dto.value("postalCode", "postalCode", value.postal_code)
    dto.value("city", "city", value.city)
    dto.value("countryId", "countryId", value.country_id)
    dto.value("county", "county", value.county)


def contact_dto(value: ContactInput, dto: DtoBuilder) -> None:
    """``ContactInfoUpdateDto``."""
    for name in ("name", "attention", "email", "web", "phone1", "phone2", "fax"):
        dto.value(name, name, getattr(value, name))
