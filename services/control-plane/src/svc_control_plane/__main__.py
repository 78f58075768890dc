from omni_core.service import run

from svc_control_plane.app import build

run(build)
