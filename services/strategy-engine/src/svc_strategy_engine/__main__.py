from omni_core.service import run

from svc_strategy_engine.app import build

run(build)
