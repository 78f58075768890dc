import sys
from pathlib import Path

here = Path(__file__).parent
sys.path.insert(0, str(here))
# the in-process fleet helpers are shared with the orchestrator tests
sys.path.insert(0, str(here.parent.parent / "orchestrator" / "tests"))
