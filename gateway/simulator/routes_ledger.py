"""The ledger-setup read endpoints (accounts, branches, VAT, periods ...), from one table.

Each :class:`Collection` row names a path, the company's record list, its key field, the
filters its list route reads and how that route pages, as the OpenAPI document declares
them: ``pageNumber``/``pageSize`` with ``metadata`` on the items whose DTO has it,
``numberToRead``/``skipRecords``, a ``BasePaginationDto`` wrapper, or the whole list.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from starlette.responses import Response

from gateway.simulator.errors import bad_request, not_found
from gateway.simulator.filters import (
    DateCompare,
    Equals,
    Filter,
    Getter,
    GreaterThan,
    Params,
    Predicate,
    Record,
    apply,
    field,
    single,
)
from gateway.simulator.paths import PathPattern
from gateway.simulator.responses import OrjsonResponse, etag
from gateway.simulator.store import page_of, read_page
from gateway.simulator.timeformat import read_stamp

if TYPE_CHECKING:
    from gateway.simulator.endpoints import Call

_INT32_MAX = 2**31 - 1


class Paging(Enum):
    PAGES = "pageNumber/pageSize"
    SKIP = "numberToRead/skipRecords"
    WRAPPED = "BasePaginationDto"
    NONE = "whole list"


@dataclass(frozen=True)
class Flag:
    """A boolean parameter (``true``/``false``, any case) matched against a field."""

    param: str
    get: Getter

    def build(self, params: Params) -> Predicate | None:
        given = params.get(self.param.lower())
        if given is None:
            return None
        flag = given.strip().lower()
        if flag not in ("true", "false"):
            raise bad_request(
                f"The value '{given}' is not valid for {self.param}. Use true or false."
            )
        wanted = flag == "true"
        return lambda record: self.get(record) is wanted


@dataclass(frozen=True)
class Collection:
    """One resource: ``GET <path>`` lists it, ``GET <path>/{<key_param>}`` reads one record."""

    path: str
    books: str  # the key of CompanyData.ledger
    label: str  # the resource as 404 messages name it
    key_field: str
    key_param: str | None  # None: the spec has no single-record route
    filters: tuple[Filter, ...] = ()
    paging: Paging = Paging.NONE
    metadata: bool = False  # the DTO has a ``metadata`` property
    order_by: tuple[tuple[str, Getter], ...] = ()  # ``orderBy`` values and their sort keys

    def records(self, call: Call) -> list[Record]:
        return call.store.data.ledger[self.books]


def _stamp(name: str) -> Getter:
    return lambda record: read_stamp(record[name])


def _modified(name: str = "lastModifiedDateTime") -> DateCompare:
    return DateCompare(name, single(field(name)))


COLLECTIONS: tuple[Collection, ...] = (
    Collection(
        "v1/account",
        "account",
        "Account",
        "accountCD",
        "accountCd",
        (
            Flag("active", field("active")),
            GreaterThan(field("accountCD")),
            Equals("publicCode", field("publicCode1")),
            Equals("externalCode1", field("externalCode1Info", "number")),
            Equals("externalCode2", field("externalCode2Info", "number")),
            Equals("analysisCode", field("analisysCodeInfo", "number")),
            _modified(),
        ),
        Paging.SKIP,
        metadata=True,
    ),
    Collection(
        "v1/subaccount",
        "subaccount",
        "Subaccount",
        "subaccountNumber",
        "subAccountNumber",
        (_modified(), Flag("active", field("active"))),
        Paging.PAGES,
        metadata=True,
    ),
    Collection(
        "v1/cashaccount",
        "cashAccount",
        "Cash account",
        "number",
        "accountNumber",
        (GreaterThan(field("number")), _modified()),
        Paging.SKIP,
    ),
    Collection(
        "v1/branch",
        "branch",
        "Branch",
        "number",
        "branchNumber",
        (GreaterThan(field("number")), _modified()),
        order_by=(
            ("Id", field("branchId")),
            ("Number", field("number")),
            ("Name", field("name")),
            ("OrganizationId", field("organizationId")),
            ("LastModifiedDateTime", _stamp("lastModifiedDateTime")),
        ),
    ),
    Collection("v1/currency", "currency", "Currency", "id", "curyId"),
    Collection(
        "v1/creditTerm",
        "creditTerm",
        "Credit terms",
        "termsId",
        None,
        (_modified(), _modified("createdDateTime"), Equals("termsId", field("termsId"))),
        Paging.WRAPPED,
    ),
    Collection(
        "v1/paymentmethod",
        "paymentMethod",
        "Payment method",
        "paymentMethodID",
        "paymentMethodNumber",
        (GreaterThan(field("paymentMethodID")),),
        Paging.SKIP,
    ),
    Collection(
        "v1/vatCategory",
        "vatCategory",
        "VAT category",
        "vatCategoryId",
        "taxCategoryId",
        (GreaterThan(field("vatCategoryId")), _modified()),
        Paging.SKIP,
    ),
    Collection("v1/vatZone", "vatZone", "VAT zone", "id", "vatZoneId", (), Paging.PAGES, True),
    Collection("v1/country", "country", "Country", "id", "countryId", (), Paging.PAGES, True),
    Collection(
        "v1/financialPeriod",
        "financialPeriod",
        "Financial period",
        "period",
        "financialPeriodId",
        (GreaterThan(field("period")),),
    ),
    Collection(
        "v1/supplier/supplierClass", "supplierClass", "Supplier class", "id", "supplierClassId"
    ),
)


def list_records(collection: Collection, call: Call) -> Response:
    """The filtered records, paged the way the collection's list route pages."""
    limit = call.config.page_limit(collection.books)
    matching = _ordered(
        collection, call.params, apply(collection.filters, call.params, collection.records(call))
    )
    with_metadata = collection.metadata and call.config.serves_metadata(collection.books)
    if collection.paging is Paging.WRAPPED:
        page = read_page(call.params, limit)
        start = (page.number - 1) * page.size
        return OrjsonResponse(
            {
                "pageNumber": page.number,
                "pageSize": page.size,
                "totalCount": len(matching),
                "records": matching[start : start + page.size],
            }
        )
    if collection.paging is Paging.PAGES:
        return OrjsonResponse(
            page_of(matching, read_page(call.params, limit), limit, with_metadata)
        )
    if collection.paging is Paging.SKIP:
        skip = _whole(call.params, "skipRecords", 0, 0)
        count = min(_whole(call.params, "numberToRead", limit, 1), limit)
        chosen = matching[skip : skip + count]
    else:
        chosen = matching
    if not with_metadata:
        return OrjsonResponse(chosen)
    metadata = {"totalCount": len(matching), "maxPageSize": limit}
    return OrjsonResponse([{**record, "metadata": dict(metadata)} for record in chosen])


def get_record(collection: Collection, key_param: str, call: Call) -> Response:
    """One record by its key, or Visma's 404; ``timeStamp`` (where the DTO has one) is the ETag."""
    ident = call.path[key_param]
    found = next((r for r in collection.records(call) if r[collection.key_field] == ident), None)
    if found is None:
        raise not_found(collection.label, ident)
    headers = etag(found["timeStamp"]) if "timeStamp" in found else None
    return OrjsonResponse(found, headers=headers)


def _ordered(collection: Collection, params: Params, records: list[Record]) -> list[Record]:
    """Sorted by ``orderBy`` (an enum, matched without case) where the route declares it."""
    given = params.get("orderby")
    if given is None or not collection.order_by:
        return records
    keys = {name.lower(): get for name, get in collection.order_by}
    get = keys.get(given.strip().lower())
    if get is None:
        allowed = ", ".join(name for name, _ in collection.order_by)
        raise bad_request(
            f"The value '{given}' is not valid for orderBy. Valid values are: {allowed}."
        )
    return sorted(records, key=get)


def _whole(params: Params, name: str, default: int, minimum: int) -> int:
    text = params.get(name.lower())
    if text is None:
        return default
    stripped = text.strip()
    if (
        not (stripped.isascii() and stripped.isdigit())
        or not minimum <= int(stripped) <= _INT32_MAX
    ):
        raise bad_request(
            f"The value '{text}' is not valid for {name}. Use a whole number from {minimum}."
        )
    return int(stripped)


def _routes() -> tuple[tuple[PathPattern, Callable[[Call], Response]], ...]:
    routes: list[tuple[PathPattern, Callable[[Call], Response]]] = []
    for collection in COLLECTIONS:
        routes.append((PathPattern(collection.path), functools.partial(list_records, collection)))
        if collection.key_param is not None:
            record_path = PathPattern(f"{collection.path}/{{{collection.key_param}}}")
            handler = functools.partial(get_record, collection, collection.key_param)
            routes.append((record_path, handler))
    return tuple(routes)


LEDGER_ROUTES = _routes()
"""(path, handler) pairs; they go before the supplier routes (``supplier/supplierClass``)."""
