"""``laissez case ...``: drive a case end to end from the command line or a script.

Every step acts as the user who unlocks the database (``--user`` or ``$LAISSEZ_USER``); the
passphrase is asked on the terminal, or read from standard input's first line when that is not
a terminal (scripts, tests). It is never taken from arguments or the environment. Answers are
JSON files, so no personal data sits in the shell history. Output names case ids, states,
document numbers and gate codes, never personal data.

Exit status: 0 done; 3 the safeguard gate blocked the step (every unmet condition is listed);
2 any other error (a message with its stable code on standard error, never a traceback).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from laissez.casework.errors import AnswersInvalidError, CaseworkError, GateBlockedError
from laissez.casework.gate import GATE_CODES, REFERRAL_OUTCOMES, VOLUNTARINESS_OUTCOMES
from laissez.casework.service import Casework
from laissez.forms import default_library
from laissez.forms.errors import FormsError
from laissez.storage.database import Database, default_path
from laissez.storage.errors import StorageError

EXIT_OK, EXIT_ERROR, EXIT_BLOCKED = 0, 2, 3
Step = Callable[[Casework, argparse.Namespace], int]


class CliError(CaseworkError):
    """A problem with the command line itself (a missing or unreadable file ...)."""

    code = "casework.cli"


def _passphrase(username: str) -> str:
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise CliError("a passphrase was expected on standard input")
        return line.rstrip("\r\n")
    return getpass.getpass(f"Passphrase for {username}: ")


def _json(path: Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise CliError(f"cannot read a JSON document from {Path(path).name}") from None


def _open(args: argparse.Namespace) -> Database:
    user = args.user or os.environ.get("LAISSEZ_USER")
    if not user:
        raise CliError("name the user with --user (or LAISSEZ_USER)")
    return Database.open(args.database or default_path(), username=user,
                         passphrase=_passphrase(user))  # fmt: skip


def _print_issues(exc: GateBlockedError) -> None:
    print(f"laissez: blocked by the safeguard gate [{exc.code}]", file=sys.stderr)
    for issue in exc.issues:
        print(f"  {issue.code}: {issue.sentence}", file=sys.stderr)


def _run(step: Step, needs_db: bool = True) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        try:
            if not needs_db:
                return step(None, args)  # type: ignore[arg-type]
            db = _open(args)
            try:
                return step(Casework(db), args)
            finally:
                db.close()
        except GateBlockedError as exc:
            _print_issues(exc)
            return EXIT_BLOCKED
        except AnswersInvalidError as exc:
            print(f"laissez: {exc.message} [{exc.code}]", file=sys.stderr)
            for field, code in exc.issues:
                print(f"  {field}: {code}", file=sys.stderr)
            return EXIT_ERROR
        except (CaseworkError, StorageError, FormsError) as exc:
            print(f"laissez: {exc.message} [{exc.code}]", file=sys.stderr)
            return EXIT_ERROR
        except (KeyboardInterrupt, EOFError):
            print("laissez: cancelled", file=sys.stderr)
            return EXIT_ERROR

    return handler


def _case_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a case id") from None


# --- steps ------------------------------------------------------------------------------------


def _open_case(cw: Casework, args: argparse.Namespace) -> int:
    print(cw.open_case())
    return EXIT_OK


def _identity(cw: Casework, args: argparse.Namespace) -> int:
    lines = None
    if args.mrz_file:
        try:
            text = Path(args.mrz_file).read_text(encoding="utf-8")
        except OSError:
            raise CliError("cannot read the MRZ file") from None
        lines = [line.strip() for line in text.splitlines() if line.strip()]
    cw.record_identity(args.case, _json(args.answers), mrz_lines=lines, language=args.language)
    print(cw.state(args.case))
    return EXIT_OK


def _interview(cw: Casework, args: argparse.Namespace) -> int:
    cw.record_interview(args.case, args.form, _json(args.answers), language=args.language)
    print(cw.state(args.case))
    return EXIT_OK


def _advise(cw: Casework, args: argparse.Namespace) -> int:
    text = cw.library.advisal(args.language)
    advisal_id = cw.deliver_advisal(
        args.case, language=args.language, language_understood=args.understood,
        interpreter_needed=args.interpreter_needed, interpreter_used=args.interpreter_used,
        questions=_questions(args),
        legal_counsel_offered=args.counsel_offered,
        text_hash=text.content_hash,
    )  # fmt: skip
    print(advisal_id)
    if text.not_legally_reviewed_notice:
        print(f"note: advisal text {text.ref} is not legally reviewed", file=sys.stderr)
    return EXIT_OK


def _questions(args: argparse.Namespace) -> str:
    if args.no_questions:
        return "none"
    try:
        return Path(args.questions_file).read_text(encoding="utf-8")
    except OSError:
        raise CliError("cannot read the questions file") from None


def _consent(cw: Casework, args: argparse.Namespace) -> int:
    extra = _json(args.guardian) if args.guardian else {}
    cw.record_consent(args.case, args.scope, args.decision, **extra)
    print(cw.state(args.case))
    return EXIT_OK


def _share(cw: Casework, args: argparse.Namespace) -> int:
    cw.record_data_sharing(args.case, args.recipient, args.decision)
    return EXIT_OK


def _simple(method: str, *extra: str) -> Step:
    def step(cw: Casework, args: argparse.Namespace) -> int:
        getattr(cw, method)(args.case, *(getattr(args, e) for e in extra))
        print(cw.state(args.case))
        return EXIT_OK

    return step


def _issue(cw: Casework, args: argparse.Namespace) -> int:
    etd = cw.issue_document(args.case)
    print(f"{etd.document_number} {etd.document_id}")
    return EXIT_OK


def _gate(cw: Casework, args: argparse.Namespace) -> int:
    issues = cw.gate(args.case)
    print(cw.state(args.case))
    for issue in issues:
        print(f"  {issue.code}: {issue.sentence}")
    return EXIT_OK if not issues else EXIT_BLOCKED


def _list(cw: Casework, args: argparse.Namespace) -> int:
    for case in cw.list_cases(args.limit):
        print(f"{case.id} {case.state} {len(case.gate_codes)} unmet")
    return EXIT_OK


def _codes(_cw: Casework, _args: argparse.Namespace) -> int:
    for code, sentence in GATE_CODES.items():
        print(f"{code}: {sentence}")
    return EXIT_OK


def _advisal_text(_cw: Casework, args: argparse.Namespace) -> int:
    text = default_library().advisal(args.language)
    print(f"{text.ref} sha256:{text.content_hash}")
    print(text.plain_text())
    return EXIT_OK


def register(sub: Any, name: str, help_text: str) -> None:
    """Add ``laissez case`` and its actions to the ``laissez`` parser."""
    parser = sub.add_parser(name, help=help_text, description=help_text)
    actions = parser.add_subparsers(dest="case_command", metavar="ACTION")
    parser.set_defaults(handler=lambda _a: (parser.print_help(), EXIT_ERROR)[1])

    def leaf(action: str, helptext: str, step: Step, *, case: bool = True, db: bool = True) -> Any:
        p = actions.add_parser(action, help=helptext, description=helptext)
        if db:
            p.add_argument(
                "--database",
                type=Path,
                default=None,
                help="database file (default: laissez.db in the data directory)",
            )
            p.add_argument("--user", help="your user name (default: $LAISSEZ_USER)")  # fmt: skip
        if case:
            p.add_argument("case", type=_case_id, help="the case id")
        p.set_defaults(handler=_run(step, needs_db=db))
        return p

    leaf("open", "open a new case (prints its id)", _open_case, case=False)
    p = leaf("identity", "record the identity form and, optionally, the MRZ read", _identity)
    p.add_argument("--answers", type=Path, required=True, help="identity answers (JSON)")
    p.add_argument("--mrz-file", type=Path, help="text file with the MRZ lines")
    p.add_argument("--language", default="en", help="language the form was asked in")
    p = leaf("interview", "record the answers to one interview form", _interview)
    p.add_argument("form", choices=[f for f in default_library().form_ids() if f != "identity"])
    p.add_argument("--answers", type=Path, required=True, help="answers (JSON)")
    p.add_argument("--language", default="en")
    p = leaf("advise", "record that the rights advisal was delivered", _advise)
    p.add_argument("--language", required=True, choices=default_library().advisal_languages())
    p.add_argument("--understood", action="store_true", help="the person said they understood")
    p.add_argument("--interpreter-needed", action="store_true")
    p.add_argument("--interpreter-used", action="store_true")
    p.add_argument("--counsel-offered", action="store_true", help="legal counsel was offered")
    asked = p.add_mutually_exclusive_group(required=True)
    asked.add_argument("--questions-file", type=Path, help="the person's questions and answers")
    asked.add_argument("--no-questions", action="store_true", help="the person asked none")
    p = leaf("consent", "record consent to return or to the travel document", _consent)
    p.add_argument("scope", choices=["return", "travel_document"])
    p.add_argument("decision", choices=["granted", "declined"])
    p.add_argument("--guardian", type=Path, help="JSON with guardian_name, "
                   "guardian_relationship and best_interests_record (children)")  # fmt: skip
    p = leaf("share", "record a data-sharing decision for ONE recipient", _share)
    p.add_argument("recipient", choices=default_library().consent_scopes().recipients())
    p.add_argument("decision", choices=["granted", "declined"])
    p = leaf("withdraw", "the person withdraws consent (voids an issued document)",
             _simple("withdraw_consent", "reason"))  # fmt: skip
    p.add_argument("--reason", default="person_withdrew")
    leaf("fear", 'the person says "I fear return"', _simple("record_fear_expressed"))
    p = leaf("referral", "protection officer: record the referral outcome",
             _simple("record_referral_outcome", "outcome"))  # fmt: skip
    p.add_argument("outcome", choices=sorted(REFERRAL_OUTCOMES))
    p = leaf("voluntariness", "protection officer: review whether consent is free",
             _simple("record_voluntariness_review", "outcome"))  # fmt: skip
    p.add_argument("outcome", choices=sorted(VOLUNTARINESS_OUTCOMES))
    p = leaf("release-hold", "protection officer: release an XXA/XXB/XXC protection hold",
             _simple("release_protection_hold", "reason"))  # fmt: skip
    p.add_argument("reason")
    leaf("approve-nationality", "supervisor: approve a nationality established by interview",
         _simple("approve_nationality"))  # fmt: skip
    leaf("approve", "supervisor (four eyes): approve issuing the document", _simple("approve"))
    leaf("issue", "issue the travel document through the safeguard gate", _issue)
    leaf("close", "the person departed: close the case", _simple("close"))
    p = leaf("close-without-document", "end a case that produces no document",
             _simple("close_without_document", "reason"))  # fmt: skip
    p.add_argument("reason")
    leaf("gate", "show every unmet safeguard condition (exit 3 if any)", _gate)
    p = leaf("list", "list cases with their state", _list, case=False)
    p.add_argument("--limit", type=int, default=100)
    leaf("codes", "list every gate code with its sentence", _codes, case=False, db=False)
    p = leaf("advisal", "print a rights-advisal text with its hash and review mark",
             _advisal_text, case=False, db=False)  # fmt: skip
    p.add_argument("language", choices=default_library().advisal_languages())
