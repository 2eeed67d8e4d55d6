"""Storage commands: ``laissez users``, ``database``, ``audit``, ``backup``, ``restore``,
``retention`` and ``purge``.

Passphrases are asked on the terminal (never echoed); when standard input is not a terminal
they are read from it, one per line, in the order the command needs them (for scripts and
tests). They are never taken from arguments or the environment. Exit status: 0 success,
1 a check failed (``audit verify``, ``database check``), 2 an error (a message with its code on
standard error, never a traceback).
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

from laissez.storage import retention
from laissez.storage.database import Database, default_path
from laissez.storage.errors import StorageError
from laissez.storage.models import Role

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
logger = logging.getLogger(__name__)


def _passphrase(prompt: str, *, confirm: bool = False) -> str:
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise StorageError("a passphrase was expected on standard input")
        return line.rstrip("\r\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat: ") != first:
        raise StorageError("the two passphrases differ")
    return first


def _user(args: argparse.Namespace) -> str:
    user = args.user or os.environ.get("LAISSEZ_USER")
    if not user:
        raise StorageError("name the user with --user (or LAISSEZ_USER)")
    return str(user)


def _open(args: argparse.Namespace, **kwargs: Any) -> Database:
    username = _user(args)
    return Database.open(
        args.database, username=username, passphrase=_passphrase(f"Passphrase for {username}: "),
        **kwargs,
    )  # fmt: skip


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database", type=Path, default=None,
        help="database file (default: laissez.db in the per-user data directory)",
    )  # fmt: skip
    parser.add_argument("--user", help="your user name (default: $LAISSEZ_USER)")


def _wrap(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        if getattr(args, "database", None) is None:
            args.database = default_path()
        try:
            return fn(args)
        except StorageError as exc:
            print(f"laissez: {exc.message} [{exc.code}]", file=sys.stderr)
            return EXIT_ERROR
        except (KeyboardInterrupt, EOFError):
            print("laissez: cancelled", file=sys.stderr)
            return EXIT_ERROR
        except Exception:  # a bug: no traceback (nor its values) on the terminal
            logger.exception("unexpected error in laissez %s", args.command)
            print("laissez: unexpected error (a bug); details are in the log", file=sys.stderr)
            return EXIT_ERROR

    return handler


def _leaf(sub: Any, name: str, help_text: str, fn: Callable[[argparse.Namespace], int]) -> Any:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    _common(parser)
    parser.set_defaults(handler=_wrap(fn))
    return parser


def _group(sub: Any, name: str, help_text: str) -> Any:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    inner = parser.add_subparsers(dest=f"{name}_command", metavar="ACTION")
    parser.set_defaults(handler=lambda _args: (parser.print_help(), EXIT_ERROR)[1])
    return inner


def register(sub: Any, name: str, help_text: str) -> None:
    """Add the storage subcommand ``name`` (one of the COMMANDS entries) to ``sub``."""
    if name == "users":
        inner = _group(sub, name, help_text)
        init = _leaf(inner, "init", "create the encrypted database and its first administrator",
                     cmd_users_init)  # fmt: skip
        init.add_argument("--mission-code", help="code of the mission this installation serves")
        init.add_argument("--display-name", default="")
        add = _leaf(inner, "add", "add a user (administrators only)", cmd_users_add)
        add.add_argument("username")
        roles = [r.value for r in Role]
        add.add_argument("--role", action="append", required=True, choices=roles,
                         help="a role; repeat for several")  # fmt: skip
        add.add_argument("--display-name", default="")
        rm = _leaf(inner, "remove", "remove a user and rotate the database key", cmd_users_remove)
        rm.add_argument("username")
        rm.add_argument("--no-rekey", action="store_true", help="do not rotate the key")
        _leaf(inner, "passwd", "change your own passphrase", cmd_users_passwd)
        reset = _leaf(inner, "reset", "give a user a new passphrase (administrators only)",
                      cmd_users_reset)  # fmt: skip
        reset.add_argument("username")
        _leaf(inner, "list", "list users and their roles", cmd_users_list)
    elif name == "database":
        inner = _group(sub, name, help_text)
        _leaf(inner, "check", "integrity_check, cipher_integrity_check and the audit chain",
              cmd_database_check)  # fmt: skip
        _leaf(inner, "rekey", "rotate the database key (administrators only)", cmd_database_rekey)
    elif name == "audit":
        inner = _group(sub, name, help_text)
        _leaf(inner, "verify", "check the audit chain; name the first bad event", cmd_audit_verify)
    elif name == "backup":
        parser = _leaf(sub, name, help_text, cmd_backup)
        parser.add_argument("output", type=Path, help="backup file or directory to write into")
    elif name == "restore":
        parser = _leaf(sub, name, help_text, cmd_restore)
        parser.add_argument("backup", type=Path, help="backup file made by laissez backup")
    elif name == "retention":
        inner = _group(sub, name, help_text)
        _leaf(inner, "show", "print the retention rules", cmd_retention_show)
        set_p = _leaf(inner, "set", "keep personal data of cases in STATUS for DAYS days",
                      cmd_retention_set)  # fmt: skip
        set_p.add_argument("status")
        set_p.add_argument("days", type=int)
        rm_p = _leaf(inner, "remove", "remove the rule for STATUS", cmd_retention_remove)
        rm_p.add_argument("status")
    elif name == "purge":
        parser = _leaf(sub, name, help_text, cmd_purge)
        parser.add_argument("--dry-run", action="store_true", help="only list what is due")
    else:  # pragma: no cover - a COMMANDS entry without a branch here is a programming error
        raise ValueError(f"unknown storage command {name}")


def cmd_users_init(args: argparse.Namespace) -> int:
    """``laissez users init``."""
    username = _user(args)
    secret = _passphrase(f"New passphrase for {username}: ", confirm=True)
    with Database.create(
        args.database, username=username, passphrase=secret,
        display_name=args.display_name, mission_code=args.mission_code,
    ):  # fmt: skip
        pass
    print(f"created {args.database} with administrator {username}")
    return EXIT_OK


def cmd_users_add(args: argparse.Namespace) -> int:
    """``laissez users add``."""
    with _open(args) as db:
        db.require_role(Role.ADMINISTRATOR)
        secret = _passphrase(f"New passphrase for {args.username}: ", confirm=True)
        user_id = db.add_user(args.username, secret, args.role, display_name=args.display_name)
    print(f"added user {args.username} ({user_id})")
    return EXIT_OK


def cmd_users_remove(args: argparse.Namespace) -> int:
    """``laissez users remove``."""
    with _open(args) as db:
        db.remove_user(args.username)
        if not args.no_rekey:
            db.rekey()
    print(f"removed user {args.username}" + ("" if args.no_rekey else "; database key rotated"))
    return EXIT_OK


def cmd_users_passwd(args: argparse.Namespace) -> int:
    """``laissez users passwd``."""
    username = _user(args)
    old = _passphrase(f"Current passphrase for {username}: ")
    with Database.open(args.database, username=username, passphrase=old) as db:
        db.change_passphrase(old, _passphrase("New passphrase: ", confirm=True))
    print("passphrase changed")
    return EXIT_OK


def cmd_users_reset(args: argparse.Namespace) -> int:
    """``laissez users reset``."""
    with _open(args) as db:
        db.require_role(Role.ADMINISTRATOR)
        db.reset_passphrase(args.username, _passphrase("New passphrase: ", confirm=True))
    print(f"passphrase of {args.username} reset")
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace) -> int:
    """``laissez users list``."""
    with _open(args) as db:
        for username, roles, active in db.usernames():
            state = "" if active else " (removed)"
            print(f"{username}\t{','.join(sorted(roles))}{state}")
    return EXIT_OK


def cmd_database_check(args: argparse.Namespace) -> int:
    """``laissez database check``."""
    with _open(args) as db:
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
    with _open(args) as db:
        db.rekey()
    print("database key rotated")
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    """``laissez audit verify``: exit 0 when the chain is intact, 1 with the first bad event."""
    with _open(args, purge=False) as db:
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
    with _open(args) as db:
        path = db.backup(args.output)
    print(f"encrypted backup written to {path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """``laissez restore BACKUP``: asks for a passphrase valid when the backup was made."""
    from laissez.storage.backup import restore

    username = _user(args)
    secret = _passphrase(f"Passphrase for {username} (as of the backup): ")
    with restore(args.backup, args.database, username=username, passphrase=secret):
        pass
    print(f"restored {args.database} from {args.backup}")
    return EXIT_OK


def cmd_retention_show(args: argparse.Namespace) -> int:
    """``laissez retention show``."""
    with _open(args, purge=False) as db, db.session() as session:
        current = retention.rules(session)
    if not current:
        print("no retention rules: personal data is kept until a rule is set")
    for status, days in sorted(current.items()):
        print(f"{status}\t{days} days")
    return EXIT_OK


def cmd_retention_set(args: argparse.Namespace) -> int:
    """``laissez retention set STATUS DAYS``."""
    with _open(args, purge=False) as db:
        db.require_role(Role.ADMINISTRATOR)
        with db.session() as session:
            retention.set_rule(session, db.user.id, args.status, args.days)
    print(f"cases in {args.status}: personal data kept {args.days} days")
    return EXIT_OK


def cmd_retention_remove(args: argparse.Namespace) -> int:
    """``laissez retention remove STATUS``."""
    with _open(args, purge=False) as db:
        db.require_role(Role.ADMINISTRATOR)
        with db.session() as session:
            found = retention.remove_rule(session, db.user.id, args.status)
    print(f"rule for {args.status} removed" if found else f"no rule for {args.status}")
    return EXIT_OK


def cmd_purge(args: argparse.Namespace) -> int:
    """``laissez purge``: remove personal data of cases that are due."""
    with _open(args, purge=False) as db:
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
