from omni_core.service import run

from svc_risk_engine.app import build

run(build)
