from omni_core.db import alembic_env

from svc_order_manager.store import metadata

alembic_env.run(metadata)
