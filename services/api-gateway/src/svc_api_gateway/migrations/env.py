from omni_core.db import alembic_env

from svc_api_gateway.models import Base

alembic_env.run(Base.metadata)
