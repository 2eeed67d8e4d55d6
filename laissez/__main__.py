"""Allow ``python -m laissez``."""

from laissez.cli import main

raise SystemExit(main())
