"""The gRPC contracts: generated code is fresh, every service has its contract, buf lint passes."""

from __future__ import annotations

import filecmp
import importlib
import subprocess
import sys
from pathlib import Path

import pytest
from omni_core.catalogue import SERVICES, ServiceSpec

ROOT = Path(__file__).resolve().parents[2]
PROTO_ROOT = ROOT / "proto"
GENERATED = ROOT / "libs" / "omni-proto" / "src" / "omni"
GEN_SCRIPT = ROOT / "scripts" / "gen_proto.py"
BUF = ROOT / "node_modules" / ".bin" / "buf"


def _files(root: Path) -> dict[str, Path]:
    return {
        str(p.relative_to(root)): p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def _generate(out: Path) -> Path:
    subprocess.run(
        [sys.executable, str(GEN_SCRIPT), "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return out / "omni"


def _diff(expected: Path, actual: Path) -> list[str]:
    want, have = _files(expected), _files(actual)
    problems = [f"missing: {name}" for name in sorted(want.keys() - have.keys())]
    problems += [f"extra: {name}" for name in sorted(have.keys() - want.keys())]
    problems += [
        f"stale: {name}"
        for name in sorted(want.keys() & have.keys())
        if not filecmp.cmp(want[name], have[name], shallow=False)
    ]
    return problems


def test_generated_code_is_fresh(tmp_path: Path) -> None:
    fresh = _generate(tmp_path / "gen")
    problems = _diff(fresh, GENERATED)
    assert not problems, (
        "libs/omni-proto is out of date with proto/; run `python scripts/gen_proto.py`:\n"
        + "\n".join(problems)
    )


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = _generate(tmp_path / "a")
    second = _generate(tmp_path / "b")
    assert not _diff(first, second)


@pytest.mark.parametrize("spec", SERVICES, ids=[s.name for s in SERVICES])
def test_service_has_contract(spec: ServiceSpec) -> None:
    domain_dir = PROTO_ROOT / "omni" / spec.domain / "v1"
    for file in (f"{spec.domain}_service.proto", "events.proto"):
        path = domain_dir / file
        assert path.is_file(), f"{spec.name}: missing {path.relative_to(ROOT)}"

    module = importlib.import_module(f"omni.{spec.domain}.v1.{spec.domain}_service_pb2")
    importlib.import_module(f"omni.{spec.domain}.v1.{spec.domain}_service_pb2_grpc")
    events = importlib.import_module(f"omni.{spec.domain}.v1.events_pb2")

    services = {s.full_name: s for s in module.DESCRIPTOR.services_by_name.values()}
    assert spec.grpc_service in services, (
        f"{spec.name}: {spec.domain}_service.proto defines {sorted(services)}, "
        f"expected {spec.grpc_service}"
    )
    assert len(services[spec.grpc_service].methods) >= 1, f"{spec.grpc_service} has no RPC"
    assert events.DESCRIPTOR.package == f"omni.{spec.domain}.v1"


def test_buf_lint() -> None:
    if not BUF.exists():
        pytest.skip("node_modules/.bin/buf not installed (run `npm ci`); buf lint not run")
    result = subprocess.run(
        [str(BUF), "lint"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"buf lint failed:\n{result.stdout}{result.stderr}"


def test_buf_format() -> None:
    if not BUF.exists():
        pytest.skip("node_modules/.bin/buf not installed; buf format not checked")
    result = subprocess.run(
        [str(BUF), "format", "-d", "--exit-code"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"protos not formatted (buf format -w):\n{result.stdout}"
