from omni_core.service import run

from svc_analytics.app import build

run(build)
