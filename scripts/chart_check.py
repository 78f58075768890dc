"""`make chart-check`: everything about deployment that can be checked without a cluster.

- the Helm chart: values schema, render with Helm's own engine under several value sets,
  strict lint, every manifest validated (Kubernetes schemas in strict mode; Strimzi CRs
  against deploy/k8s/schemas), and the objects every service must have;
- the kustomize overlays: `kubectl kustomize` each one and validate the output the same way;
- skaffold.yaml is what scripts/gen_skaffold.py generates from services/;
- hadolint on docker/python-service.Dockerfile.

Prints a short summary and exits non-zero on any failure.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import deploycheck as dc  # noqa: E402
import gen_skaffold  # noqa: E402


def main() -> int:
    started = time.monotonic()
    report = dc.Report()
    meta = dc.chart_metadata()
    print(
        f"chart-check: chart {meta['name']} {meta['version']}, Kubernetes {dc.K8S_VERSION} "
        f"(strict schemas), services: {', '.join(dc.service_dirs()) or '(none)'}"
    )

    dirs, entries = set(dc.service_dirs()), set(dc.chart_values().get("services") or {})
    report.add(
        "chart services == services/ directories",
        [
            f"services/{n}/ has no entry under services: in values.yaml"
            for n in sorted(dirs - entries)
        ]
        + [
            f"values.yaml services.{n} has no services/{n}/ directory"
            for n in sorted(entries - dirs)
        ],
    )

    for name, overrides in dc.value_sets().items():
        try:
            rendered = dc.render_chart(overrides)
        except Exception as exc:  # noqa: BLE001 - report and go on with the other sets
            report.add(f"helm render [{name}]", [f"{type(exc).__name__}: {exc}"])
            continue
        kinds = Counter(d["kind"] for d in rendered.docs)
        detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        problems = dc.validate_manifests(rendered.docs) + dc.service_object_problems(rendered)
        report.add(f"helm render + validate [{name}]", problems, f"{len(rendered.docs)}: {detail}")

    for name in ("defaults", "full-fleet"):
        report.add(f"helm lint --strict [{name}]", dc.lint_chart(dc.value_sets()[name]))

    for overlay in dc.overlays():
        try:
            docs = dc.kustomize(overlay)
        except Exception as exc:  # noqa: BLE001
            report.add(f"kubectl kustomize overlays/{overlay}", [str(exc)])
            continue
        kinds = Counter(d["kind"] for d in docs)
        detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        report.add(
            f"kustomize + validate [overlays/{overlay}]",
            dc.validate_manifests(docs),
            f"{len(docs)}: {detail}",
        )

    expected = gen_skaffold.render()
    actual = dc.SKAFFOLD.read_text() if dc.SKAFFOLD.exists() else ""
    report.add(
        "skaffold.yaml up to date",
        [] if actual == expected else ["differs from scripts/gen_skaffold.py output; run it"],
    )

    report.add(f"hadolint {dc.DOCKERFILE.relative_to(dc.REPO)}", dc.hadolint())

    print("\n".join(report.lines))
    elapsed = time.monotonic() - started
    total = len(report.lines) and sum(1 for line in report.lines if not line.startswith("      "))
    if report.failures:
        print(f"chart-check: FAILED {len(report.failures)} of {total} checks ({elapsed:.1f} s)")
        return 1
    print(f"chart-check: all {total} checks passed ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
