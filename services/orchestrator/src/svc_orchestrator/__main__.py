"""Omni Alpha orchestrator: session state machine, strategy lifecycle, global halt, end of day."""
from omni_core.service import run

from svc_orchestrator.app import build

run(build)
