import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pytest  # noqa: E402
from order_manager_helpers import make_db  # noqa: E402


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request):
    """(kind, the PostgreSQL fixture or None): each test that asks runs on both databases."""
    pg = request.getfixturevalue("postgres_url") if request.param == "postgres" else None
    return request.param, pg


@pytest.fixture
async def db(backend, sqlite_url):
    d = await make_db(backend[0], sqlite_url, backend[1])
    yield d
    await d.dispose()
