"""``laissez users ...`` and ``laissez retention ...``: staff and retention rules from the
command line, through the same use cases as the Settings screen (``casework.staff`` and
``casework.settings``), so their rules hold here too: only an administrator manages staff or
changes a retention rule, an administrator does not remove their own account, and removing a
user always rotates the database key.

Passphrases are asked on the terminal (never echoed; new ones twice); when standard input is
not a terminal they are read from it, one per line, in the order the command needs them (for
scripts and tests), a new one once. They are never taken from arguments or the environment.
Exit status: 0 done, 2 an error (a message with its stable code on standard error, never a
traceback).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from laissez.casework import settings, staff
from laissez.casework.cli import CliError
from laissez.casework.errors import CaseworkError
from laissez.casework.views.settings import retention_rules
from laissez.documents.codes import is_issuing_state
from laissez.storage.commands import (
    EXIT_ERROR,
    EXIT_OK,
    Command,
    leaf,
    open_database,
    read_passphrase,
    user_name,
)
from laissez.storage.database import Database
from laissez.storage.errors import StorageError
from laissez.storage.models import Role

#: What a users or retention command reports as one line (the rest is a bug, logged).
ERRORS = (CaseworkError, StorageError)


def _leaf(sub: Any, name: str, help_text: str, fn: Command) -> Any:
    return leaf(sub, name, help_text, fn, ERRORS)


def _new_passphrase(prompt: str) -> tuple[str, str]:
    """A new passphrase and its repetition (standard input gives it once: both are the same)."""
    first = read_passphrase(prompt, CliError)
    return first, (getpass.getpass("Repeat: ") if sys.stdin.isatty() else first)


def register(sub: Any, name: str, help_text: str) -> None:
    """Add ``laissez users`` or ``laissez retention`` (``name``) and its actions to ``sub``."""
    parser = sub.add_parser(name, help=help_text, description=help_text)
    inner = parser.add_subparsers(dest=f"{name}_command", metavar="ACTION")
    parser.set_defaults(handler=lambda _args: (parser.print_help(), EXIT_ERROR)[1])
    if name == "users":
        init = _leaf(inner, "init", "create the encrypted database and its first administrator",
                     cmd_users_init)  # fmt: skip
        init.add_argument("--mission-code", help="code of the mission this installation serves")
        init.add_argument("--country-code", help="the mission's own State, an ICAO code "
                          "such as BGD: the nationality it issues for (required with "
                          "--mission-code)")  # fmt: skip
        init.add_argument("--display-name", default="")
        add = _leaf(inner, "add", "add a user (administrators only)", cmd_users_add)
        add.add_argument("username")
        add.add_argument("--role", action="append", required=True, choices=[r.value for r in Role],
                         help="a role; repeat for several")  # fmt: skip
        add.add_argument("--display-name", default="")
        rm = _leaf(inner, "remove", "remove a user and rotate the database key "
                   "(administrators only; not your own account)", cmd_users_remove)  # fmt: skip
        rm.add_argument("username")
        # Refused with a message: a removed user's copy of the old key must stop working.
        rm.add_argument("--no-rekey", action="store_true", help=argparse.SUPPRESS)
        revoke = _leaf(inner, "revoke-keys", "revoke every signing key of a user believed "
                       "stolen or misused (administrators only)",
                       cmd_users_revoke_keys)  # fmt: skip
        revoke.add_argument("username")
        _leaf(inner, "passwd", "change your own passphrase", cmd_users_passwd)
        reset = _leaf(inner, "reset", "give a user a new passphrase (administrators only)",
                      cmd_users_reset)  # fmt: skip
        reset.add_argument("username")
        roles = _leaf(inner, "roles", "give a user exactly these roles, as your signed decision "
                      "(administrators only; not your own)", cmd_users_roles)  # fmt: skip
        roles.add_argument("username")
        roles.add_argument("--role", action="append", required=True,
                           choices=[r.value for r in Role],
                           help="a role; repeat for several")  # fmt: skip
        _leaf(inner, "list", "list users and the roles that count", cmd_users_list)
    elif name == "retention":
        _leaf(inner, "show", "print the retention rules", cmd_retention_show)
        set_p = _leaf(inner, "set", "keep personal data of cases in STATUS for DAYS days "
                      "(administrators only)", cmd_retention_set)  # fmt: skip
        set_p.add_argument("status")
        set_p.add_argument("days", type=int)
        rm_p = _leaf(inner, "remove", "remove the rule for STATUS (administrators only)",
                     cmd_retention_remove)  # fmt: skip
        rm_p.add_argument("status")
    else:  # pragma: no cover - a COMMANDS entry without a branch here is a programming error
        raise ValueError(f"unknown command {name}")


def cmd_users_init(args: argparse.Namespace) -> int:
    """``laissez users init``."""
    username = user_name(args, CliError)
    country = (args.country_code or "").strip().upper()
    if args.mission_code and not is_issuing_state(country):
        raise CliError(
            "--country-code must be the ICAO code of the mission's own State (not XXX, XXA, XXB, "
            "XXC or an organisation): a mission issues travel documents for its nationals"
        )
    secret, repeated = _new_passphrase(f"New passphrase for {username}: ")
    if secret != repeated:
        raise CliError("the two passphrases differ")
    with Database.create(
        args.database, username=username, passphrase=secret,
        display_name=args.display_name, mission_code=args.mission_code,
        country_code=country or None,
    ):  # fmt: skip
        pass
    print(f"created {args.database} with administrator {username}")
    return EXIT_OK


def cmd_users_add(args: argparse.Namespace) -> int:
    """``laissez users add``."""
    with open_database(args, CliError) as db:
        staff.require_administrator(db)  # before asking for a passphrase that would be lost
        secret, repeated = _new_passphrase(f"New passphrase for {args.username}: ")
        user_id = staff.add_staff(db, args.username, args.display_name, secret, repeated,
                                  args.role)  # fmt: skip
    print(f"added user {args.username} ({user_id})")
    return EXIT_OK


def cmd_users_remove(args: argparse.Namespace) -> int:
    """``laissez users remove``: always rotates the database key; never one's own account."""
    if args.no_rekey:
        raise CliError(
            "--no-rekey is refused: removing a user always rotates the database key, so a copy "
            "of the old key they may hold no longer opens the file"
        )
    with open_database(args, CliError) as db:
        staff.remove_staff(db, args.username)
    print(f"removed user {args.username}; database key rotated")
    return EXIT_OK


def cmd_users_revoke_keys(args: argparse.Namespace) -> int:
    """``laissez users revoke-keys``: this device refuses the user's signatures at once,
    headquarters and the mission's other devices from their next sync."""
    with open_database(args, CliError) as db:
        count = staff.revoke_signing_keys(db, args.username)
    print(f"revoked {count} signing key(s) of {args.username}; sync to tell headquarters")
    return EXIT_OK


def cmd_users_passwd(args: argparse.Namespace) -> int:
    """``laissez users passwd``."""
    username = user_name(args, CliError)
    old = read_passphrase(f"Current passphrase for {username}: ", CliError)
    with Database.open(args.database, username=username, passphrase=old) as db:
        new, repeated = _new_passphrase("New passphrase: ")
        if new != repeated:
            raise CliError("the two passphrases differ")
        db.change_passphrase(old, new)
    print("passphrase changed")
    return EXIT_OK


def cmd_users_reset(args: argparse.Namespace) -> int:
    """``laissez users reset``."""
    with open_database(args, CliError) as db:
        staff.require_administrator(db)
        secret, repeated = _new_passphrase("New passphrase: ")
        staff.reset_staff_passphrase(db, args.username, secret, repeated)
    print(f"passphrase of {args.username} reset")
    return EXIT_OK


def cmd_users_roles(args: argparse.Namespace) -> int:
    """``laissez users roles``: each role added or removed is the administrator's signed
    decision."""
    with open_database(args, CliError) as db:
        staff.change_staff_roles(db, args.username, args.role)
    print(f"roles of {args.username}: {','.join(sorted(set(args.role)))}")
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace) -> int:
    """``laissez users list``: user name, roles and whether removed, sorted by user name."""
    with open_database(args, CliError) as db:
        members = sorted(staff.staff_list(db), key=lambda m: m.username)
    for member in members:
        state = "" if member.active else " (removed)"
        print(f"{member.username}\t{','.join(sorted(member.roles))}{state}")
    return EXIT_OK


def cmd_retention_show(args: argparse.Namespace) -> int:
    """``laissez retention show``."""
    with open_database(args, CliError, purge=False) as db:
        current = retention_rules(db)
    if not current:
        print("no retention rules: personal data is kept until a rule is set")
    for status, days in current:
        print(f"{status}\t{days} days")
    return EXIT_OK


def cmd_retention_set(args: argparse.Namespace) -> int:
    """``laissez retention set STATUS DAYS``."""
    with open_database(args, CliError, purge=False) as db:
        settings.set_retention_rule(db, args.status, args.days)
    print(f"cases in {args.status}: personal data kept {args.days} days")
    return EXIT_OK


def cmd_retention_remove(args: argparse.Namespace) -> int:
    """``laissez retention remove STATUS``."""
    with open_database(args, CliError, purge=False) as db:
        found = settings.remove_retention_rule(db, args.status)
    print(f"rule for {args.status} removed" if found else f"no rule for {args.status}")
    return EXIT_OK
