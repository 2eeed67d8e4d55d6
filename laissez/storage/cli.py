"""Storage commands: ``laissez database``, ``audit``, ``backup``, ``restore`` and ``purge``.
(``laissez users`` and ``retention`` go through casework's rules: ``laissez.casework.admin_cli``.)

Passphrases are asked on the terminal (never echoed); when standard input is not a terminal
they are read from it, one per line, in the order the command needs them (for scripts and
tests). They are never taken from arguments or the environment. Exit status: 0 success,
1 a check failed (``audit verify``, ``database check``), 2 an error (a message with its code on
standard error, never a traceback).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from laissez.storage.commands import (
    EXIT_ERROR,
    EXIT_FAILED,
    EXIT_OK,
    leaf,
    open_database,
    read_passphrase,
    user_name,
)
from laissez.storage.models import Role


def _group(sub: Any, name: str, help_text: str) -> Any:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    inner = parser.add_subparsers(dest=f"{name}_command", metavar="ACTION")
    parser.set_defaults(handler=lambda _args: (parser.print_help(), EXIT_ERROR)[1])
    return inner


def register(sub: Any, name: str, help_text: str) -> None:
    """Add the storage subcommand ``name`` (one of the COMMANDS entries) to ``sub``."""
    if name == "database":
        inner = _group(sub, name, help_text)
        leaf(inner, "check", "integrity_check, cipher_integrity_check and the audit chain",
              cmd_database_check)  # fmt: skip
        leaf(inner, "rekey", "rotate the database key (administrators only)", cmd_database_rekey)
    elif name == "audit":
        inner = _group(sub, name, help_text)
        leaf(inner, "verify", "check the audit chain; name the first bad event", cmd_audit_verify)
    elif name == "backup":
        parser = leaf(sub, name, help_text, cmd_backup)
        parser.add_argument("output", type=Path, help="backup file or directory to write into")
    elif name == "restore":
        parser = leaf(sub, name, help_text, cmd_restore)
        parser.add_argument("backup", type=Path, help="backup file made by laissez backup")
    elif name == "purge":
        parser = leaf(sub, name, help_text, cmd_purge)
        parser.add_argument("--dry-run", action="store_true", help="only list what is due")
    else:  # pragma: no cover - a COMMANDS entry without a branch here is a programming error
        raise ValueError(f"unknown storage command {name}")


def cmd_database_check(args: argparse.Namespace) -> int:
    """``laissez database check``."""
    with open_database(args) as db:
        problems = db.check_integrity()
        report = db.verify_audit()
    for problem in problems:
        print(f"integrity: {problem}")
    if report.problem:
        print(f"audit: {report.problem.message}")
    if problems or report.problem:
        return EXIT_FAILED
    print(f"ok: file intact, audit chain of {report.events} events verified")
    return EXIT_OK


def cmd_database_rekey(args: argparse.Namespace) -> int:
    """``laissez database rekey``."""
    with open_database(args) as db:
        db.rekey()
    print("database key rotated")
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    """``laissez audit verify``: exit 0 when the chain is intact, 1 with the first bad event."""
    with open_database(args, purge=False) as db:
        report = db.verify_audit()
    if report.problem is None:
        print(f"ok: {report.events} events, chain intact")
        return EXIT_OK
    problem = report.problem
    print(f"BROKEN: {problem.message}")
    print(f"first bad event: seq {problem.seq}, id {problem.event_id or 'missing'}, {problem.kind}")
    return EXIT_FAILED


def cmd_backup(args: argparse.Namespace) -> int:
    """``laissez backup OUTPUT``."""
    with open_database(args) as db:
        path = db.backup(args.output)
    print(f"encrypted backup written to {path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """``laissez restore BACKUP``: asks for a passphrase valid when the backup was made."""
    from laissez.storage.backup import restore

    username = user_name(args)
    secret = read_passphrase(f"Passphrase for {username} (as of the backup): ")
    with restore(args.backup, args.database, username=username, passphrase=secret):
        pass
    print(f"restored {args.database} from {args.backup}")
    return EXIT_OK


def cmd_purge(args: argparse.Namespace) -> int:
    """``laissez purge``: remove personal data of cases that are due."""
    with open_database(args, purge=False) as db:
        db.require_role(Role.ADMINISTRATOR)
        report = db.purge(dry_run=args.dry_run)
    verb = "due" if args.dry_run else "purged"
    print(f"{len(report.purged)} cases {verb}, {len(report.deferred)} deferred (not yet at HQ)")
    for case_id in report.purged:
        print(f"{verb}\t{case_id}")
    for case_id in report.deferred:
        print(f"deferred\t{case_id}")
    for name in report.backups_removed:
        print(f"{'expired' if args.dry_run else 'deleted'} automatic backup\t{name}")
    return EXIT_OK
