"""Branches: GET /v1/branch (answered whole), /v1/branch/{branchNumber}."""

from gateway.resources.declaration import Resource

BRANCH = Resource(
    name="Branch",
    kind="branch",
    dto="BranchDto",
    path="/v1/branch",
    record_path="/v1/branch/{}",
    key=("number",),
    ttl=3600,
    paged=False,
    plural="branches",
    singular="branch",
)
