"""Every service directory is registered everywhere deployment needs it: the uv workspace and
lockfile, the Helm chart's values, skaffold.yaml and the README's services table; the chart
renders, for every service, the objects a production pod needs; the topics code uses are
declared; ports and names do not collide. No cluster and no Docker engine are involved.

The Helm rendering and manifest validation live in scripts/deploycheck.py, shared with
`make chart-check` (scripts/chart_check.py), which runs the wider matrix of value sets.
"""

from __future__ import annotations

import ast
import fnmatch
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

import deploycheck as dc  # noqa: E402
import gen_skaffold  # noqa: E402
from omni_core import catalogue  # noqa: E402
from omni_core.rpc import LIVENESS_SERVICE  # noqa: E402

SERVICE_DIRS = dc.service_dirs()


@pytest.fixture(scope="module")
def values() -> dict:
    return dc.chart_values()


@pytest.fixture(scope="module")
def rendered() -> dc.Rendered:
    return dc.render_chart()


@pytest.fixture(scope="module")
def skaffold() -> dict:
    return yaml.safe_load(dc.SKAFFOLD.read_text())


def _root_pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())


# ------------------------------------------------------------------ every service directory


@pytest.mark.parametrize("name", SERVICE_DIRS)
def test_deploy_service_is_workspace_member(name: str) -> None:
    members = _root_pyproject()["tool"]["uv"]["workspace"]["members"]
    assert any(fnmatch.fnmatch(f"services/{name}", glob) for glob in members), (
        f"services/{name} matches none of the workspace members {members}"
    )
    pyproject = REPO / "services" / name / "pyproject.toml"
    assert pyproject.is_file(), f"services/{name}/pyproject.toml is missing"
    project = tomllib.loads(pyproject.read_text())["project"]
    assert project["name"] == f"svc-{name}", (
        f"services/{name}/pyproject.toml: distribution must be svc-{name}, not {project['name']}"
    )
    # The image builds with `uv sync --frozen --package svc-<name>`: it must be in the lock.
    lock = tomllib.loads((REPO / "uv.lock").read_text())
    assert f"svc-{name}" in lock["manifest"]["members"], (
        f"svc-{name} is not in uv.lock; run `uv lock`"
    )


@pytest.mark.parametrize("name", SERVICE_DIRS)
def test_deploy_service_is_in_catalogue(name: str) -> None:
    assert name in catalogue.BY_NAME, f"services/{name} is not in omni_core.catalogue.SERVICES"


@pytest.mark.parametrize("name", SERVICE_DIRS)
def test_deploy_service_has_chart_entry(name: str, values: dict) -> None:
    assert name in (values.get("services") or {}), (
        f"services/{name} has no entry under `services:` in deploy/helm/omni-alpha/values.yaml "
        f"(start from callers: {dc.RECOMMENDED_CALLERS.get(name, [])})"
    )


@pytest.mark.parametrize("name", SERVICE_DIRS)
def test_deploy_service_has_skaffold_artifact(name: str, skaffold: dict) -> None:
    artifacts = {a["image"]: a for a in skaffold["build"]["artifacts"]}
    image = f"omni-alpha/{name}"
    assert image in artifacts, f"skaffold.yaml has no artifact {image}; run scripts/gen_skaffold.py"
    art = artifacts[image]
    assert art["docker"]["dockerfile"] == "docker/python-service.Dockerfile"
    assert art["docker"]["buildArgs"] == {"SERVICE": name}
    templates = skaffold["deploy"]["helm"]["releases"][0]["setValueTemplates"]
    assert f"services.{name}.image.repository" in templates
    assert f"services.{name}.image.tag" in templates


@pytest.mark.parametrize("name", SERVICE_DIRS)
def test_deploy_service_is_in_readme_table(name: str) -> None:
    readme = (REPO / "README.md").read_text()
    assert f"| `{name}` |" in readme, f"README.md services table has no row | `{name}` |"


@pytest.mark.parametrize("name", SERVICE_DIRS)
def test_deploy_service_runs_as_module(name: str) -> None:
    """The image's entrypoint runs `python -m svc_<name with _>`."""
    package = catalogue.spec(name).package if name in catalogue.BY_NAME else None
    assert package == f"svc_{name.replace('-', '_')}"
    main = REPO / "services" / name / "src" / package / "__main__.py"
    assert main.is_file(), f"{main.relative_to(REPO)} is missing: the container runs -m {package}"


# ------------------------------------------------------------------ nothing without a directory


def test_deploy_chart_entries_have_directories(values: dict) -> None:
    orphans = sorted(set(values.get("services") or {}) - set(SERVICE_DIRS))
    assert not orphans, f"values.yaml has services with no services/<name>/ directory: {orphans}"


def test_deploy_skaffold_is_generated() -> None:
    assert dc.SKAFFOLD.read_text() == gen_skaffold.render(), (
        "skaffold.yaml is stale: run .venv/bin/python scripts/gen_skaffold.py"
    )


def test_deploy_callers_are_known_services(values: dict) -> None:
    for name, entry in (values.get("services") or {}).items():
        for caller in (entry or {}).get("callers", []):
            assert caller in catalogue.BY_NAME, f"services.{name}.callers: unknown {caller!r}"
            assert caller != name, f"services.{name} lists itself as a caller"


# ------------------------------------------------------------------ topics


def _chart_topics(values: dict) -> list[str]:
    return [t["name"] for t in values["kafka"]["topics"]]


# Calls whose first positional argument is a topic name (the kit's bus and service API).
TOPIC_CALLS = {"topic", "subscribe", "handler", "publish", "publish_nowait", "produce"}


def _string_literals_for_topics(tree: ast.AST) -> set[str]:
    """Topic names a module uses: keyword arguments topic=/topics=, the first argument of
    the kit's topic calls (svc.topic("..."), bus.publish("...", ...)), names *TOPIC*
    assigned a literal, and any literal equal to a catalogue topic."""
    found: set[str] = set()

    def literals(node: ast.AST) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            return [s for elt in node.elts for s in literals(elt)]
        return []

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg in ("topic", "topics"):
                    found.update(literals(kw.value))
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in TOPIC_CALLS and node.args:
                found.update(literals(node.args[0]))
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if node.value is not None and any("TOPIC" in n.upper() for n in names):
                found.update(literals(node.value))
        elif isinstance(node, ast.Constant) and node.value in catalogue.TOPICS:
            found.add(node.value)
    return found


def topics_used_in_code() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    roots = [*REPO.glob("services/*/src"), *REPO.glob("libs/*/src")]
    for root in roots:
        for path in root.rglob("*.py"):
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"))
            except (SyntaxError, UnicodeDecodeError):
                continue
            for topic in _string_literals_for_topics(tree):
                used.setdefault(topic, set()).add(str(path.relative_to(REPO)))
    return used


def test_deploy_chart_topics_are_the_catalogue(values: dict) -> None:
    topics = _chart_topics(values)
    assert len(topics) == len(set(topics)), f"duplicate topics in values.yaml: {topics}"
    assert set(topics) == set(catalogue.TOPICS)


def test_deploy_topic_scan_finds_uses() -> None:
    sample = ast.parse(
        "ORDER_TOPIC = 'order-management'\n"
        "svc.topic('risk-managment')\n"
        "bus.publish('portfolio-updates', key, ev)\n"
        "Consumer(topics=['trading-signals'])\n"
        "x = {'dead-letter': 1}\n"
    )
    assert _string_literals_for_topics(sample) == {
        "order-management",
        "risk-managment",
        "portfolio-updates",
        "trading-signals",
        "dead-letter",
    }


def test_deploy_topics_used_in_code_are_declared(values: dict) -> None:
    declared = set(_chart_topics(values))
    used = topics_used_in_code()
    undeclared = {t: sorted(paths) for t, paths in used.items() if t not in declared}
    assert not undeclared, f"topics used in code but not in the chart's kafka.topics: {undeclared}"


def test_deploy_kustomize_topics_match_chart(values: dict) -> None:
    defaults = values["kafka"]["topicDefaults"]
    chart = {t["name"]: {**defaults, **t} for t in values["kafka"]["topics"]}
    for overlay in dc.overlays():
        topics = {
            d["metadata"]["name"]: d for d in dc.kustomize(overlay) if d["kind"] == "KafkaTopic"
        }
        assert set(topics) == set(chart), f"overlays/{overlay}: topics {sorted(topics)}"
        for name, topic in topics.items():
            assert topic["spec"]["topicName"] == name
            assert topic["spec"]["partitions"] == chart[name]["partitions"], (overlay, name)
            assert topic["spec"]["config"]["retention.ms"] == chart[name]["retentionMs"], name
        replicas = {t["spec"]["replicas"] for t in topics.values()}
        if overlay == "production":
            assert replicas == {3}
            assert {t["spec"]["config"]["min.insync.replicas"] for t in topics.values()} == {2}


# ------------------------------------------------------------------ ports and names


def test_deploy_catalogue_ports_and_names_are_unique() -> None:
    names = [s.name for s in catalogue.SERVICES]
    assert len(names) == len(set(names))
    assert len({s.package for s in catalogue.SERVICES}) == len(names)
    ports = Counter(
        [s.grpc_port for s in catalogue.SERVICES]
        + [s.metrics_port for s in catalogue.SERVICES]
        + [catalogue.GATEWAY_HTTP_PORT]
    )
    clashes = {port: n for port, n in ports.items() if n > 1}
    assert not clashes, f"embedded ports claimed more than once: {clashes}"


def test_deploy_port_names_unique_per_pod(rendered: dc.Rendered) -> None:
    for name, dep in rendered.of_kind("Deployment").items():
        for container in dep["spec"]["template"]["spec"]["containers"]:
            ports = container.get("ports", [])
            for key in ("name", "containerPort"):
                values = [p[key] for p in ports]
                assert len(values) == len(set(values)), f"{name}: duplicate port {key}s {values}"


# ------------------------------------------------------------------ the rendered chart


def test_deploy_chart_renders_valid_manifests(rendered: dc.Rendered) -> None:
    assert dc.validate_manifests(rendered.docs) == []


def test_deploy_full_fleet_renders_valid_manifests() -> None:
    full = dc.render_chart(dc.full_fleet_overrides())
    assert set(full.of_kind("Deployment")) == set(catalogue.BY_NAME)
    assert dc.validate_manifests(full.docs) == []
    assert dc.service_object_problems(full) == []


def test_deploy_every_service_has_its_objects(rendered: dc.Rendered, values: dict) -> None:
    assert sorted(rendered.of_kind("Deployment")) == sorted(values.get("services") or {})
    assert dc.service_object_problems(rendered) == []


@pytest.mark.parametrize("name", SERVICE_DIRS)
def test_deploy_rendered_service(name: str, rendered: dc.Rendered) -> None:
    dep = rendered.of_kind("Deployment").get(name)
    assert dep is not None, f"no Deployment {name}"
    (container,) = dep["spec"]["template"]["spec"]["containers"]
    liveness = {"port": dc.GRPC_PORT, "service": LIVENESS_SERVICE}
    assert container["livenessProbe"]["grpc"] == liveness
    assert container["startupProbe"]["grpc"] == liveness
    assert container["readinessProbe"]["grpc"] == {
        "port": dc.GRPC_PORT,
        "service": catalogue.spec(name).grpc_service,
    }
    assert container["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["resources"]["requests"] and container["resources"]["limits"]
    assert container["image"].startswith(f"omni-alpha/{name}:")
    assert name in rendered.of_kind("Service")
    assert name in rendered.of_kind("PodDisruptionBudget")
    assert name in rendered.of_kind("NetworkPolicy")
    config = rendered.of_kind("ConfigMap")[name]["data"]
    assert config["OMNI_PROFILE"] == "production"
    assert config["OMNI_GRPC_PORT"] == str(dc.GRPC_PORT)
    assert config["OMNI_METRICS_PORT"] == str(dc.METRICS_PORT)
    assert config["OMNI_LOG_FORMAT"] == "json"
    assert config["OMNI_KAFKA_BOOTSTRAP"]
    assert int(config["OMNI_KAFKA_SESSION_TIMEOUT_MS"]) >= 6000  # Kafka's default minimum
    assert config["OMNI_HOME"].startswith("/tmp/")  # the only writable path
    env = {e["name"]: e for e in container["env"]}
    assert env["OMNI_INSTANCE_ID"]["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name"


def _settings_class(name: str) -> type:
    """The service's settings class: the ServiceSettings subclass named for it."""
    import importlib

    from omni_core.settings import ServiceSettings

    importlib.import_module(f"svc_{name.replace('-', '_')}.app")
    todo, found = [ServiceSettings], []
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__dict__.get("service_name") == name:
            found.append(cls)
    assert found, f"services/{name}: no ServiceSettings subclass with service_name {name!r}"
    return found[0]


@pytest.mark.parametrize("name", SERVICE_DIRS)
def test_deploy_callers_get_the_cluster_address_of_each_service_they_call(
    name: str, rendered: dc.Rendered, values: dict
) -> None:
    """A `<service>_address` setting defaults to the embedded fleet's loopback address; in the
    cluster the chart must set OMNI_<SERVICE>_ADDRESS, and the callee's NetworkPolicy must let
    this service in."""
    fields = [f for f in _settings_class(name).model_fields if f.endswith("_address")]
    config = rendered.of_kind("ConfigMap")[name]["data"]
    for field in fields:
        callee = field.removesuffix("_address").replace("_", "-")
        assert callee in catalogue.BY_NAME, f"{name}: {field} names no service of the catalogue"
        if callee == name or callee not in (values.get("services") or {}):
            continue  # itself, or not deployed by this chart (yet)
        callers = (values["services"][callee] or {}).get("callers", [])
        assert name in callers, f"{name} calls {callee} ({field}) but is not among its callers"
        var = f"OMNI_{field.upper()}"
        assert config.get(var) == f"{callee}:{dc.GRPC_PORT}", f"{name}: ConfigMap {var}"


def test_deploy_network_policy_callers(rendered: dc.Rendered, values: dict) -> None:
    netpols = rendered.of_kind("NetworkPolicy")
    assert netpols["default-deny"]["spec"] == {
        "podSelector": {},
        "policyTypes": ["Ingress", "Egress"],
    }
    for name in values.get("services") or {}:
        ingress = netpols[name]["spec"]["ingress"]
        grpc_rules = [r for r in ingress if {"port": "grpc", "protocol": "TCP"} in r["ports"]]
        expected = (values["services"][name] or {}).get("callers", [])
        got = [
            p["podSelector"]["matchLabels"]["app.kubernetes.io/name"]
            for r in grpc_rules
            for p in r["from"]
        ]
        assert sorted(got) == sorted(expected), name


def test_deploy_strimzi_topics_render(values: dict) -> None:
    out = dc.render_chart({"kafka": {"bootstrap": "", "strimzi": {"enabled": True}}})
    topics = out.of_kind("KafkaTopic")
    assert set(topics) == set(catalogue.TOPICS)
    for topic in topics.values():
        assert topic["metadata"]["labels"]["strimzi.io/cluster"] == "omni"
    for cm in out.of_kind("ConfigMap").values():
        assert cm["data"]["OMNI_KAFKA_BOOTSTRAP"] == "omni-kafka-bootstrap.kafka.svc:9092"


def test_deploy_values_schema_rejects_typos() -> None:
    import helm_python as helm
    from helm_python.errors import HelmValuesError

    with helm.Chart.load(str(dc.CHART)) as chart:
        for bad in (
            {"serviceDefaults": {"replicaz": 2}},
            {"services": {"Bad_Name": {}}},
            {"services": {"market-data": {"callers": ["Order Manager"]}}},
            {"kafka": {"strimzi": {"enabeld": True}}},
            {"services": {"market-data": {"env": {"OMNI_DATABASE_URL": "postgresql://x"}}}},
        ):
            with pytest.raises(HelmValuesError):
                chart.validate_schema(bad)


def test_deploy_gateway_http_port() -> None:
    out = dc.render_chart(
        {"services": {"api-gateway": {"http": {"enabled": True}}}, "ingress": {"enabled": True}}
    )
    ports = {p["name"]: p["port"] for p in out.of_kind("Service")["api-gateway"]["spec"]["ports"]}
    assert ports == {"grpc": dc.GRPC_PORT, "metrics": dc.METRICS_PORT, "http": dc.HTTP_PORT}
    assert out.of_kind("Ingress")["api-gateway"]["spec"]["rules"][0]["http"]["paths"][0]["backend"][
        "service"
    ] == {"name": "api-gateway", "port": {"name": "http"}}
    assert "port-forward svc/api-gateway 8080" in out.notes


def test_deploy_dockerfile_lints_clean() -> None:
    assert dc.hadolint() == []


def test_deploy_image_override_and_version_label() -> None:
    out = dc.render_chart(
        {
            "global": {"imageRegistry": "registry.example.com/"},
            "services": {"market-data": {"image": {"tag": "1.2.3+b7"}}},
        }
    )
    deployments = out.of_kind("Deployment")
    dep = deployments["market-data"]
    (container,) = dep["spec"]["template"]["spec"]["containers"]
    assert container["image"] == "registry.example.com/omni-alpha/market-data:1.2.3+b7"
    assert dep["metadata"]["labels"]["app.kubernetes.io/version"] == "1.2.3_b7"
    assert dc.validate_manifests(out.docs) == []
    for name, other in deployments.items():
        if name != "market-data":
            (c,) = other["spec"]["template"]["spec"]["containers"]
            version = dc.chart_metadata()["appVersion"]
            assert c["image"] == f"registry.example.com/omni-alpha/{name}:{version}"


def test_deploy_dockerfile_shape() -> None:
    text = dc.DOCKERFILE.read_text()
    stages = re.split(r"(?m)^FROM ", text)
    final = stages[-1]
    assert "ARG SERVICE" in text
    assert 'uv sync --frozen --no-dev --no-editable --package "svc-${SERVICE}"' in text
    assert re.search(r"(?m)^USER 10001", final), "the final stage must run as uid 10001"
    assert "/app/.venv" in final and "--from=builder" in final
    assert "uv" not in re.findall(r"--from=(\S+)", final), "uv must stay in the builder"
    assert not re.search(r"(?m)^RUN .*(apt-get|pip install)", final), "no build tools at runtime"


@pytest.mark.parametrize("name", ["market-data", "api-gateway", "control-plane"])
def test_deploy_entrypoint_runs_service_module(name: str, tmp_path: Path) -> None:
    """docker/entrypoint.sh execs `python -m svc_<name with _>` for OMNI_SERVICE=<name>."""
    fake = tmp_path / "python"
    fake.write_text('#!/bin/sh\necho "$@"\n')
    fake.chmod(0o755)
    env = {"PATH": f"{tmp_path}:/usr/bin:/bin", "OMNI_SERVICE": name}
    proc = subprocess.run(
        ["sh", str(REPO / "docker" / "entrypoint.sh"), "--flag"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.split() == ["-m", catalogue.spec(name).package, "--flag"]


def test_deploy_liveness_probes() -> None:
    """Startup and liveness are native gRPC probes on the kit's liveness health name by
    default; probes.livenessCheck=tcp turns them into TCP connects."""
    assert dc.LIVENESS_SERVICE == LIVENESS_SERVICE
    liveness = {"port": dc.GRPC_PORT, "service": LIVENESS_SERVICE}
    for dep in dc.render_chart({}).of_kind("Deployment").values():
        (container,) = dep["spec"]["template"]["spec"]["containers"]
        assert container["livenessProbe"]["grpc"] == liveness
        assert container["startupProbe"]["grpc"] == liveness
    out = dc.render_chart({"serviceDefaults": {"probes": {"livenessCheck": "tcp"}}})
    for dep in out.of_kind("Deployment").values():
        (container,) = dep["spec"]["template"]["spec"]["containers"]
        assert container["livenessProbe"]["tcpSocket"] == {"port": "grpc"}
        assert "grpc" not in container["livenessProbe"]
    assert dc.validate_manifests(out.docs) == []
    assert dc.service_object_problems(out) == []
