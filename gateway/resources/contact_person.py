"""Contacts: GET /v1/contact (answered whole), /v1/contact/{contactId} (an integer key).

Named ``ContactPerson``: ``Contact`` is the hand-written inline contact of a supplier. The list
filters by ``businessAccount`` (a supplier's or a customer's number, the plain string
``ContactDto.businessAccount``), so contacts are nested under both.
"""

from gateway.resources.declaration import ParentLink, Resource, Writes

CONTACT_PERSON = Resource(
    name="ContactPerson",
    kind="contact",
    dto="ContactDto",
    path="/v1/contact",
    record_path="/v1/contact/{}",
    key=("contactId",),
    ttl=300,
    paged=False,
    plural="contacts",
    singular="contact",
    parents=(
        ParentLink("Supplier", "contacts", ("businessAccount",), param="businessAccount"),
        ParentLink("Customer", "contacts", ("businessAccount",), param="businessAccount"),
    ),
    # Visma's contact form requires a last name; the id is Visma's to give.
    writes=Writes("ContactUpdateDto", required=("lastName",)),
)
