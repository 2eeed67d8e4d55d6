"""``laissez gui`` (also plain ``laissez``): open the desktop application."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(sub: Any, name: str, help_text: str) -> None:
    """Add the ``gui`` subcommand."""
    parser = sub.add_parser(name, help=help_text, description=help_text)
    parser.add_argument(
        "--data-dir", type=Path, default=None,
        help="where the database, settings and logs live (default: per-user data directory; "
        "or LAISSEZ_DATA_DIR)",
    )  # fmt: skip
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Start the Qt application; imported lazily so headless commands never load Qt."""
    from laissez.desktop.app import run_app

    return run_app(data_dir=args.data_dir)
