"""Root pytest configuration: notebooks run by nbval see the same environment as
``make book`` (project root, fixed SOURCE_DATE_EPOCH)."""

import os
from pathlib import Path

os.environ.setdefault("DAISEN_ROOT", str(Path(__file__).resolve().parent))
os.environ.setdefault("SOURCE_DATE_EPOCH", "1764547200")
os.environ.setdefault("MPLBACKEND", "Agg")
