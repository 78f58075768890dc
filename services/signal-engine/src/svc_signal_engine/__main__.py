from omni_core.service import run

from svc_signal_engine.app import build

run(build)
