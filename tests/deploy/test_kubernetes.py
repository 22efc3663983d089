"""deploy/kubernetes: schema-valid manifests that keep the gateway's deployment contract."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from tests.deploy.files import (
    COMPOSE,
    KUBERNETES,
    ROOT,
    SECRETS,
    SETTINGS_VARIABLES,
    dockerfile_port,
    dockerfile_user_id,
    load_yaml,
    memory_bytes,
)

KUBECTL = shutil.which("kubectl")
# The Redis URLs carry the password.
REDIS_SECRETS = ("GATEWAY_CACHE_URL", "GATEWAY_IDEMPOTENCY_URL", "REDIS_PASSWORD")
# A release from December 2024, so that older clusters take the manifests too, and the newest
# release the validator knows.
VERSIONS = ("1.32.0", kubernetes_validate.utils.latest_version())


def documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


@pytest.fixture(scope="module")
def kustomization() -> dict[str, Any]:
    result: dict[str, Any] = load_yaml(KUBERNETES / "kustomization.yaml")
    return result


@pytest.fixture(scope="module")
def resources(kustomization: dict[str, Any]) -> list[dict[str, Any]]:
    return [doc for name in kustomization["resources"] for doc in documents(KUBERNETES / name)]


def find(resources: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    matches = [r for r in resources if r["kind"] == kind and r["metadata"]["name"] == name]
    assert len(matches) == 1, f"{kind}/{name}"
    return matches[0]


def containers(resources: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for resource in resources:
        if resource["kind"] == "Deployment":
            yield from resource["spec"]["template"]["spec"]["containers"]


@pytest.fixture(scope="module")
def gateway(resources: list[dict[str, Any]]) -> dict[str, Any]:
    return find(resources, "Deployment", "gateway")


@pytest.fixture(scope="module")
def container(gateway: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = gateway["spec"]["template"]["spec"]["containers"][0]
    return result


@pytest.mark.parametrize("version", VERSIONS)
def test_every_manifest_is_valid_against_the_kubernetes_schemas(version: str) -> None:
    for path in sorted(KUBERNETES.glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        for doc in documents(path):
            kubernetes_validate.validate(doc, version, strict=True)


def test_the_generated_secret_holds_every_key_the_pods_read(
    kustomization: dict[str, Any], resources: list[dict[str, Any]], tmp_path: Path
) -> None:
    """The Secret generated from secret.env (its example is committed) holds every key the
    Deployments read, under the name they read it by. Where kubectl is installed, its built-in
    kustomize also builds the tree for real, with the Secret's name hashed so changes roll."""
    [generator] = kustomization["secretGenerator"]
    example = KUBERNETES / "secret.env.example"
    keys = {
        line.split("=", 1)[0].strip()
        for line in example.read_text().splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    }
    references = [
        variable["valueFrom"]["secretKeyRef"]
        for container in containers(resources)
        for variable in container.get("env", [])
        if "secretKeyRef" in variable.get("valueFrom", {})
    ]
    assert generator["envs"] == ["secret.env"]
    assert references, "the gateway reads its secrets from the generated Secret"
    assert {reference["name"] for reference in references} == {generator["name"]}
    assert {reference["key"] for reference in references} <= keys
    if KUBECTL is None:
        return

    copy = tmp_path / "kubernetes"
    shutil.copytree(KUBERNETES, copy, ignore=shutil.ignore_patterns("secret.env"))
    shutil.copy(copy / "secret.env.example", copy / "secret.env")
    built = subprocess.run(
        [KUBECTL, "kustomize", str(copy)], capture_output=True, text=True, check=True
    ).stdout
    docs = [doc for doc in yaml.safe_load_all(built) if doc]
    secret = next(doc for doc in docs if doc["kind"] == "Secret")
    pod = find(docs, "Deployment", "gateway")["spec"]["template"]["spec"]
    referenced = {
        variable["valueFrom"]["secretKeyRef"]["name"]
        for variable in pod["containers"][0]["env"]
        if "secretKeyRef" in variable.get("valueFrom", {})
    }
    assert secret["metadata"]["name"].startswith(f"{generator['name']}-")  # hashed
    assert referenced == {secret["metadata"]["name"]}
    for doc in docs:
        kubernetes_validate.validate(doc, VERSIONS[-1], strict=True)


def test_the_gateway_runs_at_least_two_replicas_of_the_image(
    gateway: dict[str, Any], container: dict[str, Any], kustomization: dict[str, Any]
) -> None:
    images = {image["name"] for image in kustomization["images"]}

    assert gateway["spec"]["replicas"] >= 2
    assert gateway["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    assert container["image"] in images
    assert container["ports"] == [{"name": "http", "containerPort": dockerfile_port()}]


def test_readiness_is_readyz_and_liveness_is_healthz(container: dict[str, Any]) -> None:
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}


def test_every_container_has_requests_within_limits(resources: list[dict[str, Any]]) -> None:
    for each in containers(resources):
        requests, limits = each["resources"]["requests"], each["resources"]["limits"]
        assert memory_bytes(requests["memory"]) <= memory_bytes(limits["memory"]), each["name"]
        assert requests["cpu"] and limits["cpu"], each["name"]


def test_the_gateway_runs_as_the_images_user_on_a_read_only_root(
    gateway: dict[str, Any], container: dict[str, Any]
) -> None:
    pod = gateway["spec"]["template"]["spec"]
    security = container["securityContext"]
    mounts = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
    volumes = {volume["name"]: volume for volume in pod["volumes"]}

    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == dockerfile_user_id()
    assert security["runAsNonRoot"] is True
    assert security["runAsUser"] == dockerfile_user_id()
    assert security["readOnlyRootFilesystem"] is True
    assert security["allowPrivilegeEscalation"] is False
    assert security["capabilities"]["drop"] == ["ALL"]
    assert "emptyDir" in volumes[mounts["/tmp"]]  # noqa: S108 - the pod's own /tmp


def test_every_container_is_non_root_read_only_without_capabilities(
    resources: list[dict[str, Any]],
) -> None:
    for each in containers(resources):
        security = each["securityContext"]
        assert security["runAsNonRoot"] and security["readOnlyRootFilesystem"], each["name"]
        assert security["allowPrivilegeEscalation"] is False, each["name"]
        assert security["capabilities"]["drop"] == ["ALL"], each["name"]


def test_the_service_hpa_and_pdb_select_the_gateway_pods(
    resources: list[dict[str, Any]], gateway: dict[str, Any], container: dict[str, Any]
) -> None:
    labels = gateway["spec"]["template"]["metadata"]["labels"]
    service = find(resources, "Service", "gateway")
    autoscaler = find(resources, "HorizontalPodAutoscaler", "gateway")
    budget = find(resources, "PodDisruptionBudget", "gateway")
    target = autoscaler["spec"]["scaleTargetRef"]

    assert service["spec"]["selector"].items() <= labels.items()
    assert service["spec"]["ports"][0]["targetPort"] in {p["name"] for p in container["ports"]}
    assert autoscaler["apiVersion"] == "autoscaling/v2"
    assert (target["kind"], target["name"]) == ("Deployment", gateway["metadata"]["name"])
    assert autoscaler["spec"]["minReplicas"] >= 2
    assert autoscaler["spec"]["maxReplicas"] > autoscaler["spec"]["minReplicas"]
    assert autoscaler["spec"]["metrics"]
    assert budget["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert budget["spec"]["maxUnavailable"] < autoscaler["spec"]["minReplicas"]


def test_the_redis_url_and_secrets_come_from_the_generated_secret(
    container: dict[str, Any], kustomization: dict[str, Any], resources: list[dict[str, Any]]
) -> None:
    generated = {item["name"]: item for item in kustomization["secretGenerator"]}
    env_file = generated["gateway-secrets"]["envs"][0]
    example = (KUBERNETES / f"{env_file}.example").read_text()
    example_keys = {line.split("=", 1)[0] for line in example.splitlines() if "=" in line}
    from_secret = {
        variable["name"]: variable["valueFrom"]["secretKeyRef"]
        for variable in container["env"]
        if "secretKeyRef" in variable.get("valueFrom", {})
    }

    assert {"GATEWAY_CACHE_URL", "GATEWAY_IDEMPOTENCY_URL", *SECRETS} <= from_secret.keys()
    assert all(ref["name"] == "gateway-secrets" for ref in from_secret.values())
    assert {ref["key"] for ref in from_secret.values()} <= example_keys
    assert _ignored_by_git(KUBERNETES / env_file)
    for each in containers(resources):
        literal = {v["name"] for v in each.get("env", []) if "value" in v}
        assert not literal & {*REDIS_SECRETS, *SECRETS}, each["name"]
    config = {
        literal.split("=", 1)[0]
        for item in kustomization["configMapGenerator"]
        for literal in item["literals"]
    }
    assert not config & {*REDIS_SECRETS, *SECRETS}
    assert config | from_secret.keys() <= SETTINGS_VARIABLES


def _ignored_by_git(path: Path) -> bool:
    git = ["git", "check-ignore", "-q", str(path)]
    answer = subprocess.run(git, cwd=ROOT, check=False)
    return answer.returncode == 0


@pytest.mark.parametrize(
    ("name", "policy"), [("redis", "volatile-ttl"), ("redis-state", "noeviction")]
)
def test_each_redis_is_bounded_with_the_compose_files_eviction_policy(
    resources: list[dict[str, Any]], name: str, policy: str
) -> None:
    conf = find(resources, "ConfigMap", f"{name}-config")["data"]["redis.conf"]
    options = dict(
        line.split(None, 1)
        for line in conf.splitlines()
        if line and not line.lstrip().startswith("#")
    )
    redis = find(resources, "Deployment", name)["spec"]["template"]["spec"]["containers"][0]
    compose_command = load_yaml(COMPOSE)["services"][name]["command"]
    compose_policy = compose_command[compose_command.index("--maxmemory-policy") + 1]
    service = find(resources, "Service", name)

    assert options["maxmemory-policy"] == compose_policy == policy
    assert memory_bytes(options["maxmemory"]) < memory_bytes(redis["resources"]["limits"]["memory"])
    assert redis["args"][:2] == ["redis-server", "/etc/redis/redis.conf"]
    assert service["spec"]["selector"].items() <= redis_labels(resources, name).items()


def redis_labels(resources: list[dict[str, Any]], name: str) -> dict[str, str]:
    labels: dict[str, str] = find(resources, "Deployment", name)["spec"]["template"]["metadata"][
        "labels"
    ]
    return labels


def test_the_gateway_points_at_the_cache_and_the_state_redis(kustomization: dict[str, Any]) -> None:
    generated = {item["name"]: item for item in kustomization["secretGenerator"]}
    example = (KUBERNETES / f"{generated['gateway-secrets']['envs'][0]}.example").read_text()
    urls = dict(line.split("=", 1) for line in example.splitlines() if line.endswith("/0"))

    assert "@redis:6379/" in urls["GATEWAY_CACHE_URL"]
    assert "@redis-state:6379/" in urls["GATEWAY_IDEMPOTENCY_URL"]
