from omni_core.db import alembic_env

from svc_risk_engine.models import metadata

alembic_env.run(metadata)
