"""Entry of a small frozen build (``tests/installers/test_frozen_sandbox.py``): it starts as
the real one does (``laissez.bundle.start``), then asks a sandbox child where it finds zbar.
With ``$PROBE_OLD_ORDER`` set it starts as Laissez did before (``freeze_support`` first), to
show what that order cost."""

import json
import multiprocessing
import os
import sys

from laissez import bundle

if os.environ.get("PROBE_OLD_ORDER"):
    multiprocessing.freeze_support()
    bundle.prepare()
else:
    bundle.start()

from laissez.documents import sandbox

found = sandbox.run_boxed(bundle.library, "zbar")
print(json.dumps({"frozen": bundle.is_frozen(), "zbar": found, "root": str(bundle.root())}))
sys.exit(0)
