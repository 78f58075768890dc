from omni_core.db import alembic_env

from svc_control_plane.models import Base

alembic_env.run(Base.metadata)
