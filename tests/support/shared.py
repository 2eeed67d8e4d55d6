"""Where the shared test data lives: ``../shared/testdata`` (``$LAISSEZ_SHARED_DIR`` moves it)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("LAISSEZ_SHARED_DIR", ROOT.parent / "shared"))
TESTDATA = SHARED / "testdata"
