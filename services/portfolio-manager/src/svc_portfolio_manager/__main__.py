from omni_core.service import run

from svc_portfolio_manager.app import build

run(build)
