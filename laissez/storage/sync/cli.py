"""``laissez sync``: enrol this installation, push, pull, ask for numbers, show the state,
and carry changes on a file when there is no link (``export`` / ``import``).

The database is unlocked like every storage command (``--user``, passphrase on the terminal
or, when standard input is not a terminal, its first line). Exit status: 0 done, 1 offline or
interrupted (nothing lost: run it again), 2 an error (one line with its code, no traceback).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from laissez.protocol import ProtocolError
from laissez.storage.database import Database, default_path
from laissez.storage.errors import StorageError
from laissez.storage.sync import state
from laissez.storage.sync.enrolment import connect, enrol_installation
from laissez.storage.sync.errors import HqUnreachableError, SyncError

EXIT_OK, EXIT_OFFLINE, EXIT_ERROR = 0, 1, 2


def _passphrase(prompt: str) -> str:
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise StorageError("a passphrase was expected on standard input")
        return line.rstrip("\r\n")
    return getpass.getpass(prompt)


def _open(args: argparse.Namespace) -> Database:
    user = args.user or os.environ.get("LAISSEZ_USER")
    if not user:
        raise StorageError("name the user with --user (or LAISSEZ_USER)")
    path = args.database or default_path()
    return Database.open(path, username=user, passphrase=_passphrase(f"Passphrase for {user}: "))


def _print(value: Any) -> None:
    print(json.dumps(value, indent=2, sort_keys=True, default=str))


def cmd_enrol(args: argparse.Namespace, db: Database) -> int:
    """Enrol with headquarters using a one-time code."""
    identity = enrol_installation(db.session, db.engine, args.hq, args.code, args.name)
    _print({"device_id": str(identity.device_id), "mission_code": identity.mission_code})
    return EXIT_OK


def cmd_push(args: argparse.Namespace, db: Database) -> int:
    """Push every pending outbox entry, then exchange officers' key certificates and anchor
    the audit head."""
    engine = connect(db.session, db.engine, batch_size=args.batch_size, hq_url=args.hq,
                     trust_dir=db.path.parent)  # fmt: skip
    try:
        engine.recover()
        report = engine.push()
        if not report.interrupted:
            engine.exchange_keys()
            engine.anchor_audit()
    finally:
        engine.close()
    _print(asdict(report))
    return EXIT_OFFLINE if report.interrupted else EXIT_OK


def cmd_pull(args: argparse.Namespace, db: Database) -> int:
    """Pull revocations, number ranges, forms, certificates and configuration; write the
    offline trust files (``certificates.json``, ``revocations.json``) beside the database."""
    engine = connect(db.session, db.engine, hq_url=args.hq, trust_dir=db.path.parent)
    try:
        _print(asdict(engine.pull()))
    finally:
        engine.close()
    return EXIT_OK


def cmd_numbers(args: argparse.Namespace, db: Database) -> int:
    """Ask for a range of document numbers."""
    engine = connect(db.session, db.engine, hq_url=args.hq)
    try:
        got = engine.request_numbers(args.size, args.series)
    finally:
        engine.close()
    _print({"series": got.series, "first": got.first, "last": got.last})
    return EXIT_OK


def cmd_export(args: argparse.Namespace, db: Database) -> int:
    """Write the pending changes to an encrypted, signed bundle for headquarters."""
    from laissez.storage.sync.offline import export_bundle

    state.ensure_tables(db.engine)
    _print(asdict(export_bundle(db.session, args.file, numbers=args.numbers)))
    return EXIT_OK


def cmd_import(args: argparse.Namespace, db: Database) -> int:
    """Apply headquarters' reply bundle (acknowledgements, revocations, numbers, forms)."""
    from laissez.storage.sync.offline import import_reply

    state.ensure_tables(db.engine)
    pushed, pulled = import_reply(db.session, args.file, trust_dir=db.path.parent)
    _print({"push": asdict(pushed), "pull": asdict(pulled)})
    return EXIT_OK


def cmd_status(args: argparse.Namespace, db: Database) -> int:
    """Show the enrolment, the outbox counts and the numbers left (no personal data)."""
    from sqlalchemy import func, select

    from laissez.storage.models import OutboxEntry
    from laissez.storage.outbox import FAILED

    state.ensure_tables(db.engine)
    with db.session() as s:
        counts = dict(
            s.execute(select(OutboxEntry.status, func.count()).group_by(OutboxEntry.status)).all()
        )
        try:
            identity = state.load_identity(s)
            enrolled: dict[str, Any] = {
                "device_id": str(identity.device_id),
                "mission_code": identity.mission_code,
                "hq_url": identity.hq_url,
            }
        except SyncError:
            enrolled = {}
        refused = dict(
            s.execute(
                select(OutboxEntry.last_error_code, func.count())
                .where(OutboxEntry.status == FAILED, OutboxEntry.last_error_code.is_not(None))
                .group_by(OutboxEntry.last_error_code)
            ).all()
        )
        _print(
            {
                "enrolled": enrolled,
                "outbox": counts,
                # what headquarters refused, per code: see "laissez sync status" in the guide
                "refused": refused,
                "etd_numbers_left": state.numbers_left(s),
            }
        )
    return EXIT_OK


def _leaf(
    sub: Any, name: str, help_text: str, fn: Callable[[argparse.Namespace, Database], int]
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    parser.add_argument("--database", type=Path, default=None, help="database file")
    parser.add_argument("--user", help="your user name (default: $LAISSEZ_USER)")
    parser.set_defaults(handler=_wrap(fn))
    return parser


def _wrap(fn: Callable[[argparse.Namespace, Database], int]) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        try:
            db = _open(args)
        except StorageError as exc:
            print(f"laissez: {exc.message} [{exc.code}]", file=sys.stderr)
            return EXIT_ERROR
        try:
            return fn(args, db)
        except HqUnreachableError as exc:
            print(
                f"laissez: {exc.message}; nothing was lost, try again later [{exc.code}]",
                file=sys.stderr,
            )
            return EXIT_OFFLINE
        except (SyncError, StorageError, ProtocolError) as exc:
            print(f"laissez: {exc.message} [{exc.code}]", file=sys.stderr)
            return EXIT_ERROR
        finally:
            db.close()

    return handler


def register(sub: Any, name: str, help_text: str) -> None:
    """Add ``laissez sync`` and its actions to ``sub``."""
    parser = sub.add_parser(name, help=help_text, description=help_text)
    inner = parser.add_subparsers(dest="sync_command", metavar="ACTION")
    parser.set_defaults(handler=lambda _args: (parser.print_help(), EXIT_ERROR)[1])
    p = _leaf(inner, "enrol", "enrol this installation with a one-time code", cmd_enrol)
    p.add_argument("--hq", required=True, help="headquarters URL, e.g. https://hq.example")
    p.add_argument("--code", required=True, help="the one-time enrolment code")
    p.add_argument("--name", default="", help="a name for this device")
    for action, help_text_, fn in (
        ("push", "send pending changes to headquarters", cmd_push),
        ("pull", "fetch revocations, number ranges, forms and configuration", cmd_pull),
        ("numbers", "ask headquarters for document numbers", cmd_numbers),
        ("status", "show enrolment, outbox counts and numbers left", cmd_status),
        ("export", "write pending changes to an encrypted bundle (no link needed)", cmd_export),
        ("import", "apply headquarters' reply bundle", cmd_import),
    ):
        p = _leaf(inner, action, help_text_, fn)
        if action in ("export", "import"):
            p.add_argument("file", type=Path)
            if action == "export":
                p.add_argument(
                    "--numbers", type=int, default=0, help="also ask for this many document numbers"
                )
            continue
        if action != "status":
            p.add_argument("--hq", default=None, help="use this URL instead of the enrolled one")
        if action == "push":
            p.add_argument("--batch-size", type=int, default=500)
        if action == "numbers":
            p.add_argument("size", type=int)
            p.add_argument("--series", default="etd")
