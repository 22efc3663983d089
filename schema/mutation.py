"""The root Mutation type, built from one table: each row names a write (create, update or an
action) of a declared resource, and its field, arguments and payload type follow from it.

Every mutation answers a payload (``schema.payloads``): the record read back fresh after the
write, its version, ``userErrors`` and the ``clientMutationId`` it was given.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from typing import Annotated, Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types.base import get_object_definition
from strawberry.types.enum import StrawberryEnumDefinition

from gateway.errors import Conflict, GatewayError, UpstreamError
from gateway.resources.customer_invoice import CUSTOMER_INVOICE
from gateway.resources.customer_payment import CUSTOMER_PAYMENT
from gateway.resources.declaration import RecordKey, Resource
from gateway.resources.purchase_receipt import PURCHASE_RECEIPT
from gateway.resources.registry import RESOURCES
from gateway.resources.sales_order import SALES_ORDER
from gateway.resources.supplier_invoice import SUPPLIER_INVOICE
from gateway.resources.supplier_payment import SUPPLIER_PAYMENT
from gateway.upstream import paths
from gateway.upstream.background import JobState
from gateway.upstream.files import FileBody
from gateway.upstream.session import Item
from gateway.upstream.writes import Write, execute, read_fresh
from schema.context import Info
from schema.engine import key_types
from schema.generated.inputs import INPUTS, VERSIONED_UPDATES
from schema.inputs.declared import build_dto
from schema.inputs.version import expected_version
from schema.inputs.wire import DtoBuilder
from schema.jobs import BackgroundJob
from schema.payloads import USER_ERROR_CODES, payload_type, user_error
from schema.records import ENGINE_TYPES
from schema.types.enums import SupplierPaymentType, sent
from schema.types.values import text

_INPUT = strawberry.argument(
    description="The fields to write; a field left out is left as it is in Visma.net."
)
IdempotencyKey = Annotated[
    str | None,
    strawberry.argument(
        description="Repeating a mutation with the same key (and token) within the configured "
        "window returns the first outcome without writing again."
    ),
]
ExpectedVersion = Annotated[
    str | None,
    strawberry.argument(
        description="The record's `version` (or `timeStamp`) as last read; sent as If-Match, "
        "so the write fails with a CONFLICT user error if the record has changed since."
    ),
]
# Visma checks an action's If-Match only when the action runs in its background API.
ActionExpectedVersion = Annotated[
    str | None,
    strawberry.argument(
        description="The record's `version` as last read; sent as If-Match. Visma checks it "
        "on actions only when they run in its background API (GATEWAY_BACKGROUND_WAIT set): "
        "then the action fails with a CONFLICT user error if the record has changed since."
    ),
]
ClientMutationId = Annotated[
    str | None,
    strawberry.argument(description="Echoed unchanged in the payload's `clientMutationId`."),
]
File = Annotated[
    Upload,
    strawberry.argument(
        description="The file, sent as a GraphQL multipart request (docs/writing.md); at most "
        "GATEWAY_MAX_UPLOAD_BYTES with the rest of the request."
    ),
]
PaymentType = Annotated[SupplierPaymentType, strawberry.argument(description="The payment's type.")]


@dataclass(frozen=True)
class Arg:
    """One argument of a mutation: its Python name, annotation and default."""

    name: str
    annotation: Any
    default: Any = inspect.Parameter.empty


@dataclass(frozen=True)
class Operation:
    """One mutation. ``verb`` is ``create`` (POST to the collection), ``update`` (PUT to the
    record) or the name of a POST action on the record (``release``). ``key`` are the
    arguments naming the record, in the order of its declared key; ``extra`` further
    arguments, turned into the action's body by ``body``. ``key_prefix`` gives the key parts
    a create's input fixes ahead of the id from ``Location``; ``given`` names the input field
    that may carry the id itself, read back by when ``Location`` names none. ``path``, when
    set, is where the POST goes instead of the record's ``/action/{verb}``."""

    name: str
    description: str
    resource: Resource
    record_field: str
    record_type: Any
    verb: str
    input_type: Any = None
    build: Callable[[Any, DtoBuilder], None] | None = None
    key: tuple[Arg, ...] = ()
    extra: tuple[Arg, ...] = ()
    body: Callable[[Mapping[str, Any]], Any] | None = None
    key_prefix: Callable[[Any], RecordKey] | None = None
    given: str | None = None
    path: str | None = None  # a POST of its own (an upload), its ``{}`` filled with the key
    versioned: bool = True  # Visma checks If-Match on it (the spec declares the header)

    @property
    def payload_name(self) -> str:
        return self.name[0].upper() + self.name[1:] + "Payload"

    def arguments(self) -> list[Arg]:
        """The GraphQL arguments, in order."""
        args = list(self.key)
        if self.input_type is not None:
            args.append(Arg("input", self.input_type))
        if self.verb == "update" and self.versioned:
            args.append(Arg("expected_version", ExpectedVersion, None))
        elif self.verb not in ("create", "update", "upload") and self.versioned:
            args.append(Arg("expected_version", ActionExpectedVersion, None))
        args.extend(self.extra)
        if self.input_type is None:
            args.append(Arg("client_mutation_id", ClientMutationId, None))
        args.append(Arg("idempotency_key", IdempotencyKey, None))
        return args

    def write(self, args: Mapping[str, Any]) -> Write:
        """The write these arguments ask for; BAD_USER_INPUT for input it cannot send."""
        body, fields = self._body(args)
        invalidates = (self.resource.kind, *self.resource.invalidates)
        if self.verb == "create":
            value = args["input"]
            prefix = () if self.key_prefix is None else self.key_prefix(value)
            given = None if self.given is None else getattr(value, self.given)
            return Write(
                "POST",
                self.resource.path,
                body,
                self.resource,
                invalidates,
                key_prefix=prefix,
                given_id=given if isinstance(given, str) and given else None,
                fields=fields,
            )
        key = tuple(_key_value(arg.name, args[arg.name]) for arg in self.key)
        method = "PUT" if self.verb == "update" else "POST"
        if self.path is not None:
            path = paths.build(self.path, *key)
        elif method == "PUT":
            path = paths.build(self.resource.single_path, *key)
        else:
            path = f"{paths.build(self.resource.single_path, *key)}/action/{self.verb}"
        return Write(
            method,
            path,
            body,
            self.resource,
            invalidates,
            key=key,
            if_match=expected_version(args.get("expected_version")),
            fields=fields,
        )

    def _body(self, args: Mapping[str, Any]) -> tuple[Any, dict[str, str]]:
        if self.build is None:
            return (None if self.body is None else self.body(args)), {}
        dto = DtoBuilder("input")
        self.build(args["input"], dto)
        return dto.body, dto.fields


def _file_body(args: Mapping[str, Any]) -> FileBody:
    """The ``file`` argument (Starlette's ``UploadFile``, spooled to disk past a megabyte;
    the request body limit bounds it) as the body of an upload, read as it is sent."""
    upload = args["file"]
    return FileBody(upload.filename or "file", upload.file, upload.content_type)


def _key_value(name: str, value: Any) -> str:
    if isinstance(value, int):  # an integer key (a contact's ``contactId``)
        return str(value)
    return value if isinstance(value, str) else sent(value, _camel(name))


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _sending(input_type: Any, visma: str) -> Any:
    """The input's field sending the DTO property ``visma``, if it has one."""
    fields: list[Any] = get_object_definition(input_type, strict=True).fields
    return next((f for f in fields if (f.metadata or {}).get("visma") == visma), None)


def _input_field(input_type: Any, visma: str) -> str | None:
    """The python name of the input's field sending the DTO property ``visma``."""
    field = _sending(input_type, visma)
    return None if field is None else str(field.python_name)


def _key_prefix(input_type: Any, names: tuple[str, ...]) -> Callable[[Any], RecordKey] | None:
    """The key parts a create's input fixes ahead of the id Visma gives (a location's
    supplier), read from the fields sending ``names``."""
    fields = [_input_field(input_type, name) for name in names]
    if not names or None in fields:
        return None
    return lambda value: tuple(_key_value(f, getattr(value, f)) for f in fields if f is not None)


def declared(resource: Resource) -> tuple[Operation, Operation]:
    """``create<Name>`` and ``update<Name>`` of a resource that declares ``writes``: their
    inputs generated from its update DTO, its engine-built record type, its key and paths."""
    create, update = INPUTS[resource.name]
    assert resource.writes is not None
    key_fields = resource.writes.key_fields or resource.key
    record = _record_field(resource)
    record_path = resource.single_path.format(*(f"{{{k}}}" for k in resource.key))
    key = _key_args(resource)
    return (
        Operation(
            f"create{resource.name}",
            f"Create a {resource.name} record (POST {resource.path}).",
            resource,
            record,
            ENGINE_TYPES[resource.name],
            "create",
            create,
            build_dto,
            key_prefix=_key_prefix(create, key_fields[:-1]),
            given=_input_field(create, key_fields[-1]),
        ),
        Operation(
            f"update{resource.name}",
            f"Change a {resource.name} record (PUT {record_path}).",
            resource,
            record,
            ENGINE_TYPES[resource.name],
            "update",
            update,
            build_dto,
            key=key,
            versioned=resource.name in VERSIONED_UPDATES,
        ),
    )


def action(
    name: str, resource: Resource, verb: str, description: str, *, versioned: bool = False
) -> Operation:
    """The action ``verb`` (POST to the record's ``/action/{verb}``) on an engine-built
    resource, its record named by its key as its lookup names it."""
    return Operation(
        name,
        description,
        resource,
        _record_field(resource),
        ENGINE_TYPES[resource.name],
        verb,
        key=_key_args(resource),
        versioned=versioned,
    )


def upload(name: str, resource: Resource, path: str, description: str) -> Operation:
    """An attachment upload (``file``, multipart) to ``path`` of an engine-built resource's
    record, named by its key as its lookup names it."""
    return Operation(
        name,
        description,
        resource,
        _record_field(resource),
        ENGINE_TYPES[resource.name],
        "upload",
        key=_key_args(resource),
        extra=(Arg("file", File),),
        body=_file_body,
        path=path,
    )


def _record_field(resource: Resource) -> str:
    """The payload's field holding the record: the resource's lookup name."""
    return resource.singular or resource.name[:1].lower() + resource.name[1:]


def _key_args(resource: Resource) -> tuple[Arg, ...]:
    """The arguments naming one record of an engine-built resource, as its lookup has them;
    a key part its create takes as an enum (a supplier invoice's document type) is that enum."""
    kinds: dict[str, Any] = dict(key_types(resource, ENGINE_TYPES[resource.name]))
    if resource.writes is not None:
        create = INPUTS[resource.name][0]
        carried = resource.writes.key_fields or resource.key
        for name, visma in zip(resource.key, carried, strict=True):
            kind = getattr(_sending(create, visma), "type", None)
            kind = getattr(kind, "of_type", kind)  # unwrapped when optional
            if isinstance(kind, StrawberryEnumDefinition):
                kinds[name] = kind.wrapped_cls
    return tuple(
        Arg(k, Annotated[kind, strawberry.argument(description=f"The record's `{k}`.")])
        for k, kind in kinds.items()
    )


OPERATIONS: tuple[Operation, ...] = (
    # Supplier invoice actions: the spec declares If-Match on each.
    *(
        action(name, SUPPLIER_INVOICE, verb, description, versioned=True)
        for name, verb, description in (
            (
                "releaseSupplierInvoice",
                "release",
                "Release a supplier invoice: it is open for payment.",
            ),
            (
                "sendSupplierInvoiceToApproval",
                "sendtoapproval",
                "Send an unreleased supplier invoice to its approvers (approvalStatus "
                "SENT_TO_APPROVAL); again once they rejected it.",
            ),
            (
                "prebookSupplierInvoice",
                "prebook",
                "Prebook a balanced supplier invoice: book it to its expense accounts ahead of "
                "its release (status PREBOOKED).",
            ),
            (
                "voidSupplierInvoice",
                "voidinvoice",
                "Void a prebooked supplier invoice, undoing its booking (status VOIDED).",
            ),
            (
                "reverseSupplierInvoice",
                "reverse",
                "Reverse a released supplier invoice or adjustment: Visma creates a balanced "
                "document of the opposite kind with the same amounts (an invoice is reversed "
                "by a debit adjustment), listed with the supplier's documents; the invoice "
                "itself is answered as it stands.",
            ),
        )
    ),
    replace(
        action(
            "correctSupplierInvoice",
            SUPPLIER_INVOICE,
            "correct",
            "Correct an open supplier invoice nothing has been paid on (POST "
            "/v1/supplierInvoice/{invoiceNumber}/action/correct): Visma closes it by a debit "
            "adjustment applied to it and creates a copy on hold to edit and release in its "
            "place. Visma's answer names neither new document: both are listed with the "
            "supplier's documents; the invoice is answered as it now stands (CLOSED).",
            versioned=True,
        ),
        # Visma names the invoice by its number alone here.
        path="/v1/supplierInvoice/{1}/action/correct",
    ),
    upload(
        "uploadSupplierInvoiceAttachment",
        SUPPLIER_INVOICE,
        "/v1/supplierInvoice/documentType/{}/{}/attachment",
        "Attach a file to a supplier invoice (POST "
        "/v1/supplierInvoice/documentType/{documentType}/{invoiceNumber}/attachment); a file "
        "of a name the invoice has already is a new revision of it.",
    ),
    replace(
        action(
            "releaseSupplierPayment",
            SUPPLIER_PAYMENT,
            "release",
            "Release a supplier payment, applying it to its documents.",
            versioned=True,
        ),
        extra=(Arg("type", PaymentType, SupplierPaymentType.PAYMENT),),
        body=lambda args: {"type": {"value": sent(args["type"], "type")}},
    ),
    # Actions on which the spec declares no If-Match: none takes a version.
    action(
        "releasePurchaseReceipt",
        PURCHASE_RECEIPT,
        "release",
        "Release a purchase receipt: its goods are received into stock (and billed, with "
        "`createBill`).",
    ),
    action(
        "releaseCustomerInvoice",
        CUSTOMER_INVOICE,
        "release",
        "Release a customer invoice: it is open for payment.",
    ),
    replace(
        action(
            "reverseCustomerInvoice",
            CUSTOMER_INVOICE,
            "reverse",
            "Reverse a released customer invoice: Visma creates a balanced credit note with the "
            "same lines and amounts, listed with the customer's documents; the invoice itself "
            "is answered as it stands.",
        ),
        # Visma could answer the credit note too; the customer's documents list it.
        body=lambda _args: {"returnCreditNote": False},
    ),
    action(
        "correctCustomerInvoice",
        CUSTOMER_INVOICE,
        "correct",
        "Correct an open customer invoice nothing has been paid on: Visma closes it by a "
        "credit note applied to it and creates a copy on hold to edit and release in its "
        "place, both listed with the customer's documents; the invoice is answered as it "
        "now stands (CLOSED).",
    ),
    upload(
        "uploadCustomerInvoiceAttachment",
        CUSTOMER_INVOICE,
        "/v1/customerinvoice/{}/attachment",
        "Attach a file to a customer invoice (POST /v1/customerinvoice/{invoiceNumber}/"
        "attachment); a file of a name the invoice has already is a new revision of it.",
    ),
    upload(
        "uploadSalesOrderAttachment",
        SALES_ORDER,
        "/v1/salesorder/{}/attachment",
        "Attach a file to a sales order (POST /v1/salesorder/{orderNumber}/attachment); a "
        "file of a name the order has already is a new revision of it.",
    ),
    action(
        "cancelSalesOrder",
        SALES_ORDER,
        "cancelSalesOrder",
        "Cancel a sales order that has not been shipped or invoiced (status CANCELLED).",
    ),
    action(
        "releaseCustomerPayment",
        CUSTOMER_PAYMENT,
        "release",
        "Release a customer payment: it settles the documents its lines apply it to.",
    ),
    action(
        "voidCustomerPayment",
        CUSTOMER_PAYMENT,
        "void",
        "Void a released customer payment: the documents it settled are open again.",
    ),
    *(operation for r in RESOURCES if r.writes is not None for operation in declared(r)),
)


async def write_and_read(
    info: Info, mutation: str, write: Write, idempotency_key: str | None
) -> tuple[Item, str | None, JobState | None]:
    """Run ``write`` (once per idempotency key) and read the written record back fresh,
    with its version and the background job still running the write, if any."""
    context = info.context
    session = context.upstream
    jobs: list[JobState | None] = []

    async def run() -> RecordKey:
        written = await execute(session, write)
        jobs.append(written.job)
        return written.key

    if idempotency_key is None:
        key = await run()
    else:
        body = write.body.fingerprint() if isinstance(write.body, FileBody) else write.body
        arguments = {"path": write.path, "body": body, "ifMatch": write.if_match}
        key = await context.idempotency.run(
            context.credentials.principal, mutation, idempotency_key, arguments, run
        )
    try:
        record, version = await read_fresh(session, write.collection, key)
    except GatewayError as error:
        # Visma has written it: whatever the read says, the write must not look undone.
        raise UpstreamError(
            f"The write to {write.path} succeeded, but the record could not be read back "
            f"({error.message}); it was written: do not send it again",
            written=True,
        ) from None
    context.loaders.records(write.collection).prime(key, record, force=True)
    return record, version, jobs[0] if jobs else None


def _client_mutation_id(args: Mapping[str, Any]) -> str | None:
    """From the input when the mutation takes one, else from its own argument."""
    given = args.get("input")
    value = args.get("client_mutation_id") if given is None else given.client_mutation_id
    return value if isinstance(value, str) else None


def _resolver(operation: Operation, payload: type) -> Callable[..., Awaitable[Any]]:
    """The resolver of ``operation``: its arguments from the table, its answer a payload."""

    async def resolve(info: Info, **args: Any) -> Any:
        client_mutation_id = _client_mutation_id(args)
        try:
            write = operation.write(args)
            record, version, job = await write_and_read(
                info, operation.name, write, args["idempotency_key"]
            )
        except GatewayError as error:
            if error.code not in USER_ERROR_CODES:
                raise
            if isinstance(error, Conflict) and error.details.get("upstreamStatus") == 412:
                error.details.setdefault("field", "expectedVersion")
            return payload(
                **{operation.record_field: None},
                version=None,
                user_errors=[user_error(error)],
                client_mutation_id=client_mutation_id,
            )
        answer = payload(
            **{operation.record_field: operation.record_type(_data=record)},
            version=version or text(record.get("timeStamp")),
            user_errors=[],
            client_mutation_id=client_mutation_id,
        )
        if job is not None and write.key is not None:
            answer.background_job = BackgroundJob(
                state=job, resource=write.collection, key=write.key
            )
        return answer

    parameters = [inspect.Parameter("info", inspect.Parameter.KEYWORD_ONLY, annotation=Info)]
    parameters.extend(
        inspect.Parameter(
            arg.name, inspect.Parameter.KEYWORD_ONLY, default=arg.default, annotation=arg.annotation
        )
        for arg in operation.arguments()
    )
    # Strawberry reads a resolver's arguments from its signature.
    resolve.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        parameters, return_annotation=payload | None
    )
    resolve.__name__ = operation.name
    return resolve


def _mutation_type() -> type:
    fields: dict[str, Any] = {}
    for operation in OPERATIONS:
        payload = payload_type(
            operation.payload_name,
            operation.record_field,
            operation.record_type,
            operation.verb,
            background=operation.verb not in ("create", "update"),
        )
        fields[operation.name] = strawberry.mutation(
            resolver=_resolver(operation, payload),
            name=operation.name,
            description=operation.description,
        )
    return strawberry.type(
        type("Mutation", (), {"__module__": __name__, **fields}),
        description="The root of every write.",
    )


Mutation = _mutation_type()
