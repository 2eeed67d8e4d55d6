"""Entry point of the frozen Laissez (PyInstaller): bundled tools first, then the usual CLI."""

from laissez import bundle

bundle.prepare()

from laissez.cli import main  # noqa: E402  (after prepare: PATH and zbar must be set first)

raise SystemExit(main())
