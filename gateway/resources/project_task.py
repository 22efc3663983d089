"""Project tasks: GET /v1/projecttask, /v1/projecttask/{internalId} (an integer key)."""

from gateway.resources.declaration import Resource

PROJECT_TASK = Resource(
    name="ProjectTask",
    kind="projectTask",
    dto="TaskExtendedDto",
    path="/v1/projecttask",
    record_path="/v1/projecttask/{}",
    key=("internalId",),
    ttl=300,
    plural="projectTasks",
    singular="projectTask",
)
