"""``CreateSupplierInput`` and ``UpdateSupplierInput`` → ``SupplierUpdateDto``."""

from __future__ import annotations

import strawberry

from schema.inputs.common import (
    AddressInput,
    ContactInput,
    MutationInput,
    address_dto,
    contact_dto,
)
from schema.inputs.wire import DtoBuilder
from schema.types.enums import SupplierStatus


@strawberry.input(description="Supplier fields to change; omitted fields are left as they are.")
class UpdateSupplierInput(MutationInput):
    name: str | None = strawberry.UNSET
    status: SupplierStatus | None = strawberry.UNSET
    supplier_class_id: str | None = strawberry.UNSET
    credit_terms_id: str | None = strawberry.UNSET
    payment_method_id: str | None = strawberry.UNSET
    vat_zone_id: str | None = strawberry.UNSET
    currency_id: str | None = strawberry.UNSET
    account_reference: str | None = strawberry.UNSET
    parent_record_number: str | None = strawberry.UNSET
    vat_registration_id: str | None = strawberry.UNSET
    corporate_id: str | None = strawberry.UNSET
    number_of_employees: int | None = strawberry.UNSET
    note: str | None = strawberry.UNSET
    main_address: AddressInput | None = strawberry.UNSET
    main_contact: ContactInput | None = strawberry.UNSET
    remit_address: AddressInput | None = strawberry.UNSET
    remit_contact: ContactInput | None = strawberry.UNSET


@strawberry.input(description="A new supplier; omitted fields take the supplier class's defaults.")
class CreateSupplierInput(UpdateSupplierInput):
    number: str | None = strawberry.field(
        default=strawberry.UNSET, description="Visma numbers it when omitted."
    )
    name: str


def create_supplier_dto(value: CreateSupplierInput, dto: DtoBuilder) -> None:
    """``SupplierUpdateDto`` of a new supplier."""
    dto.value("number", "number", value.number, clearable=False)
    supplier_dto(value, dto)


def supplier_dto(value: UpdateSupplierInput, dto: DtoBuilder) -> None:
    """Fill ``dto`` with the given fields of ``value``."""
    dto.value("name", "name", value.name, clearable=False)
    dto.value("status", "status", value.status, clearable=False)
    dto.value("supplierClassId", "supplierClassId", value.supplier_class_id, clearable=False)
    dto.value("creditTermsId", "creditTermsId", value.credit_terms_id)
    dto.value("paymentMethodId", "paymentMethodId", value.payment_method_id)
    dto.value("vatZoneId", "vatZoneId", value.vat_zone_id)
    dto.value("currencyId", "currencyId", value.currency_id)
    dto.value("accountReference", "accountReference", value.account_reference)
    dto.value("parentRecordNumber", "parentRecordNumber", value.parent_record_number)
    dto.value("vatRegistrationId", "vatRegistrationId", value.vat_registration_id)
    dto.value("corporateId", "corporateId", value.corporate_id)
    dto.value("numberOfEmployees", "numberOfEmployees", value.number_of_employees)
    dto.value("note", "note", value.note)
    dto.nested("mainAddress", "mainAddress", value.main_address, address_dto)
    dto.nested("mainContact", "mainContact", value.main_contact, contact_dto)
    dto.nested("remitAddress", "remitAddress", value.remit_address, address_dto)
    dto.nested("remitContact", "remitContact", value.remit_contact, contact_dto)
