"""Projects: GET /v1/project, /v1/project/{projectID}."""

from gateway.resources.declaration import Resource

PROJECT = Resource(
    name="Project",
    kind="project",
    dto="ProjectDto",
    path="/v1/project",
    record_path="/v1/project/{}",
    key=("projectID",),
    ttl=300,
    plural="projects",
    singular="project",
)
