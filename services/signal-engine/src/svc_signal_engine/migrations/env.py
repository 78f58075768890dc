from omni_core.db import alembic_env

from svc_signal_engine.store import Base

alembic_env.run(Base.metadata)
