from omni_core.service import run

from svc_order_manager.app import build

run(build)
