"""Small value types shared by the resource types."""

from __future__ import annotations

from typing import Any

import strawberry

from schema.types.values import integer, obj, text


@strawberry.type(description="An id with its description, as Visma nests classes, terms and codes.")
class CodeDescription:
    id: str | None
    description: str | None

    @staticmethod
    def from_dto(value: Any) -> CodeDescription | None:
        data = obj(value)
        if not data:
            return None
        return CodeDescription(
            id=text(data.get("id")) or text(data.get("number")),
            description=text(data.get("description")) or text(data.get("name")),
        )


@strawberry.type(description="An address as Visma.net nests it in a record.")
class Address:
    address_id: int | None
    address_line1: str | None
    address_line2: str | None
    address_line3: str | None
    postal_code: str | None
    city: str | None
    country: CodeDescription | None
    county: CodeDescription | None

    @staticmethod
    def from_dto(value: Any) -> Address | None:
        data = obj(value)
        if not data:
            return None
        return Address(
            address_id=integer(data.get("addressId")),
            address_line1=text(data.get("addressLine1")),
            address_line2=text(data.get("addressLine2")),
            address_line3=text(data.get("addressLine3")),
            postal_code=text(data.get("postalCode")),
            city=text(data.get("city")),
            country=CodeDescription.from_dto(data.get("country")),
            county=CodeDescription.from_dto(data.get("county")),
        )


@strawberry.type(description="A contact as Visma.net nests it in a record.")
class Contact:
    contact_id: int | None
    name: str | None
    attention: str | None
    email: str | None
    web: str | None
    phone1: str | None
    phone2: str | None
    fax: str | None

    @staticmethod
    def from_dto(value: Any) -> Contact | None:
        data = obj(value)
        if not data:
            return None
        return Contact(
            contact_id=integer(data.get("contactId")),
            name=text(data.get("name")),
            attention=text(data.get("attention")),
            email=text(data.get("email")),
            web=text(data.get("web")),
            phone1=text(data.get("phone1")),
            phone2=text(data.get("phone2")),
            fax=text(data.get("fax")),
        )
