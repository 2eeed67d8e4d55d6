"""The ``laissez`` command: with no subcommand it opens the desktop application; subcommands do
headless work (``laissez mrz check``, ``laissez mrz build`` ...).

Each package that offers commands has a ``cli`` module with ``register(subparsers)``; they are
imported here only when named, so ``laissez mrz`` never loads Qt.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from laissez import __version__

#: subcommand -> (module with register(), one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "mrz": ("laissez.documents.cli", "check and build ICAO Doc 9303 machine-readable zones"),
    "case": ("laissez.casework.cli", "drive a case: interview, advisal, consent, approval, issue"),
    "etd": ("laissez.printing.cli", "verify printed emergency travel documents (digital seal)"),
    "gui": ("laissez.desktop.cli", "open the desktop application (the default)"),
    "self-test": (
        "laissez.desktop.selftest_qt",
        "check that this installation works (offscreen)",
    ),
    "users": ("laissez.casework.admin_cli", "create the database; add, remove and manage users"),
    "database": ("laissez.storage.cli", "check the encrypted database or rotate its key"),
    "audit": ("laissez.storage.cli", "verify the tamper-evident audit log"),
    "backup": ("laissez.storage.cli", "write an encrypted backup of the database"),
    "restore": ("laissez.storage.cli", "replace the database with an encrypted backup"),
    "retention": ("laissez.casework.admin_cli", "show or set how long personal data is kept"),
    "purge": ("laissez.storage.cli", "remove personal data whose retention time is over"),
    "sync": ("laissez.storage.sync.cli", "sync with headquarters: enrol, push, pull, numbers"),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser. Only the subcommand named by ``only`` has its module imported;
    the others are listed with their help text, so ``--help`` and ``--version`` stay fast."""
    parser = argparse.ArgumentParser(
        prog="laissez",
        description="Laissez: consular casework for returns, with safeguards built in.",
    )
    parser.add_argument("--version", action="version", version=f"laissez {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        if name != only:
            sub.add_parser(name, help=help_text)
            continue
        importlib.import_module(module).register(sub, name, help_text)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``laissez`` command; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in args_list if not a.startswith("-")), None)
    if command not in COMMANDS:
        command = None
    asks_help = any(a in ("-h", "--help", "--version") for a in args_list)
    if not args_list or (command is None and not asks_help):
        args_list = ["gui", *args_list]
        command = "gui"
    parser = build_parser(only=command)
    args = parser.parse_args(args_list)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args))
    except BrokenPipeError:
        # The reader (``| head``) went away: not an error worth a traceback.
        sys.stderr.close()
        return 0
