"""Omni Alpha api-gateway: REST over the fleet's gRPC services and the web dashboard."""
from omni_core.service import run

from svc_api_gateway.app import build

run(build)
