"""Entry point of the frozen Laissez (PyInstaller): bundled tools first, then the usual CLI."""

import multiprocessing

from laissez import bundle

# The sandbox (laissez/documents/sandbox.py) reads untrusted files in child processes; in a
# frozen build a child is this same executable, which must become the child, not the app.
multiprocessing.freeze_support()
bundle.prepare()

from laissez.cli import main  # noqa: E402  (after prepare: PATH and zbar must be set first)

raise SystemExit(main())
