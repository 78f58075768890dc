"""The `omni` pytest plugin (entry point in pyproject): every fixture of omni_testing."""

from omni_testing.databases import *  # noqa: F401,F403,E402
from omni_testing.grpc import *  # noqa: F401,F403,E402
from omni_testing.isolation import *  # noqa: F401,F403
from omni_testing.kafka import *  # noqa: F401,F403
