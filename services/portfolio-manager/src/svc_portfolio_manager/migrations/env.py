from omni_core.db import alembic_env

from svc_portfolio_manager.models import Base

alembic_env.run(Base.metadata)
