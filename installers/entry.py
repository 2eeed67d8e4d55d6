"""Entry point of the frozen Laissez (PyInstaller): bundled tools first, then the usual CLI."""

from laissez import bundle

# The sandbox (laissez/documents/sandbox.py) reads untrusted files in child processes; in a
# frozen build a child is this same executable, which must become the child, not the app, and
# must find the bundled tools first (bundle.start says why the order matters).
bundle.start()

from laissez.cli import main  # noqa: E402  (after prepare: PATH and zbar must be set first)

raise SystemExit(main())
