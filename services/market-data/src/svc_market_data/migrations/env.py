from omni_core.db import alembic_env

from svc_market_data.store import Base

alembic_env.run(Base.metadata)
