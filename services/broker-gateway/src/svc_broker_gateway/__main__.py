from omni_core.service import run

from svc_broker_gateway.app import build

run(build)
