from omni_core.service import run

from svc_market_data.app import build

run(build)
