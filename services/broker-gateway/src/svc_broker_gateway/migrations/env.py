from omni_core.db import alembic_env

from svc_broker_gateway.store import metadata

alembic_env.run(metadata)
