"""The plumbing every database command shares (``laissez database``, ``audit``, ``backup``...
here, ``laissez users`` and ``retention`` in ``casework.admin_cli``): reading passphrases,
naming the user, opening the database, and turning errors into one line on standard error.

Passphrases are asked on the terminal (never echoed); when standard input is not a terminal
they are read from it, one per line (for scripts and tests). They are never taken from
arguments or the environment. An error prints ``laissez: <message> [<code>]`` (and its
``problems``, one per line, where it has some) and exits 2, never with a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from laissez.storage.database import Database, default_path
from laissez.storage.errors import StorageError

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
Command = Callable[[argparse.Namespace], int]
logger = logging.getLogger(__name__)


def read_passphrase(prompt: str, error: type[Exception] = StorageError) -> str:
    """A passphrase from the terminal, or the next line of standard input; ``error`` (called
    with a message) when standard input has no more lines."""
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise error("a passphrase was expected on standard input")
        return line.rstrip("\r\n")
    return getpass.getpass(prompt)


def user_name(args: argparse.Namespace, error: type[Exception] = StorageError) -> str:
    """The acting user: ``--user`` or ``$LAISSEZ_USER``."""
    user = args.user or os.environ.get("LAISSEZ_USER")
    if not user:
        raise error("name the user with --user (or LAISSEZ_USER)")
    return str(user)


def open_database(
    args: argparse.Namespace, error: type[Exception] = StorageError, **kwargs: Any
) -> Database:
    """Unlock ``args.database`` as the acting user, asking for their passphrase."""
    username = user_name(args, error)
    secret = read_passphrase(f"Passphrase for {username}: ", error)
    return Database.open(args.database, username=username, passphrase=secret, **kwargs)


def wrap(fn: Command, errors: tuple[type[Exception], ...] = (StorageError,)) -> Command:
    """``fn`` as a command handler: the default database path filled in, every error in
    ``errors`` (each with ``message`` and ``code``) as one line, a bug as a line pointing to
    the log."""

    def handler(args: argparse.Namespace) -> int:
        if getattr(args, "database", None) is None:
            args.database = default_path()
        try:
            return fn(args)
        except errors as exc:
            message, code = getattr(exc, "message", str(exc)), getattr(exc, "code", "error")
            print(f"laissez: {message} [{code}]", file=sys.stderr)
            for problem in getattr(exc, "problems", ()):
                print(f"  {problem}", file=sys.stderr)
            return EXIT_ERROR
        except (KeyboardInterrupt, EOFError):
            print("laissez: cancelled", file=sys.stderr)
            return EXIT_ERROR
        except Exception:  # a bug: no traceback (nor its values) on the terminal
            logger.exception("unexpected error in laissez %s", args.command)
            print("laissez: unexpected error (a bug); details are in the log", file=sys.stderr)
            return EXIT_ERROR

    return handler


def add_database_arguments(parser: argparse.ArgumentParser) -> None:
    """``--database`` and ``--user``, which every database command takes."""
    parser.add_argument(
        "--database", type=Path, default=None,
        help="database file (default: laissez.db in the per-user data directory)",
    )  # fmt: skip
    parser.add_argument("--user", help="your user name (default: $LAISSEZ_USER)")


def leaf(
    sub: Any,
    name: str,
    help_text: str,
    fn: Command,
    errors: tuple[type[Exception], ...] = (StorageError,),
) -> Any:
    """Add the command ``name`` (running ``fn``) with the database arguments to ``sub``."""
    parser = sub.add_parser(name, help=help_text, description=help_text)
    add_database_arguments(parser)
    parser.set_defaults(handler=wrap(fn, errors))
    return parser
