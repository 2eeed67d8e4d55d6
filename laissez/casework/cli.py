"""``laissez case ...``: drive a case end to end from the command line or a script.

Every step acts as the user who unlocks the database (``--user`` or ``$LAISSEZ_USER``); the
passphrase is asked on the terminal, or read from standard input's first line when that is not
a terminal (scripts, tests). It is never taken from arguments or the environment. Answers are
JSON files, so no personal data sits in the shell history. Output names case ids, states,
document numbers and gate codes, never personal data.

``issue --output FILE`` and ``reprint --reason CODE --output FILE`` write the sealed PDF
(mode 0600); ``install-signer`` (administrators) installs the mission's seal signer from PEM
files, ``request-signer`` makes its key in the token and asks headquarters for the
certificate; ``load-numbers FILE`` (administrators) loads document numbers from headquarters'
reply bundle and ``numbers`` shows how many are left; ``verify FILE`` checks a printed document
against this mission's trust state.

Exit status: 0 done; 3 the safeguard gate blocked the step (every unmet condition is listed)
or a printed document could not be read with certainty (unreadable or uncertain: the advice
says what to do); 1 a document did not verify; 2 any other error (a message
with its stable code on standard error, never a traceback).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import uuid
from collections.abc import Callable
from operator import attrgetter
from pathlib import Path
from typing import Any

from laissez.casework.decisions import DEPARTURE_EVIDENCE
from laissez.casework.errors import AnswersInvalidError, CaseworkError, GateBlockedError
from laissez.casework.etd import EtdData
from laissez.casework.flags import CLEAR_REASONS
from laissez.casework.gate import GATE_CODES, REFERRAL_OUTCOMES, VOLUNTARINESS_OUTCOMES
from laissez.casework.service import Casework
from laissez.forms import default_library
from laissez.forms.errors import FormsError
from laissez.storage.database import Database, default_path
from laissez.storage.errors import StorageError

EXIT_OK, EXIT_INVALID, EXIT_ERROR, EXIT_BLOCKED = 0, 1, 2, 3
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
    print(cw.intake.open_case())
    return EXIT_OK


def _identity(cw: Casework, args: argparse.Namespace) -> int:
    lines = None
    if args.mrz_file:
        try:
            text = Path(args.mrz_file).read_text(encoding="utf-8")
        except OSError:
            raise CliError("cannot read the MRZ file") from None
        lines = [line.strip() for line in text.splitlines() if line.strip()]
    photo = None
    if args.photo:
        from laissez.documents import sandbox
        from laissez.documents.errors import DocumentError

        try:
            photo = sandbox.read_untrusted(args.photo)
        except DocumentError as exc:
            raise CliError(f"cannot read the photo file: {exc} [{exc.code}]") from None
    cw.intake.record_identity(
        args.case,
        _json(args.answers),
        mrz_lines=lines,
        mrz_source="typed",  # lines given on the command line or in a text file
        language=args.language,
        photo=photo,
    )
    print(cw.state(args.case))
    return EXIT_OK


def _interview(cw: Casework, args: argparse.Namespace) -> int:
    cw.intake.record_interview(args.case, args.form, _json(args.answers), language=args.language)
    print(cw.state(args.case))
    return EXIT_OK


def _advise(cw: Casework, args: argparse.Namespace) -> int:
    text = cw.library.advisal(args.language)
    advisal_id = cw.consent.deliver_advisal(
        args.case, language=args.language, language_understood=args.understood,
        interpreter_needed=args.interpreter_needed, interpreter_used=args.interpreter_used,
        interpreter_name=args.interpreter_name, questions=_questions(args),
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
    cw.consent.record_consent(args.case, args.scope, args.decision, **extra)
    print(cw.state(args.case))
    return EXIT_OK


def _share(cw: Casework, args: argparse.Namespace) -> int:
    cw.consent.record_data_sharing(args.case, args.recipient, args.decision)
    return EXIT_OK


def _simple(method: str, *extra: str) -> Step:
    """A step calling ``method`` (``part.method`` of ``Casework``) with the case id."""

    def step(cw: Casework, args: argparse.Namespace) -> int:
        attrgetter(method)(cw)(args.case, *(getattr(args, e) for e in extra))
        print(cw.state(args.case))
        return EXIT_OK

    return step


def _clear_flag(cw: Casework, args: argparse.Namespace) -> int:
    count = cw.decisions.clear_flag(
        args.case, args.kind, args.reason, reference=args.reference, detail=args.detail
    )
    print(f"{count} flag(s) cleared; case {cw.state(args.case)}")
    return EXIT_OK


def _close(cw: Casework, args: argparse.Namespace) -> int:
    cw.decisions.close(args.case, departure_evidence=args.departure_evidence)
    print(cw.state(args.case))
    return EXIT_OK


def _private_file(path: Path) -> int:
    """Open ``path`` for writing, readable by its owner only (mode 0600), before any work."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)
    except OSError:
        raise CliError(f"cannot write the file {Path(path).name}") from None
    return fd


def _write_pdf(path: Path | None, produce: Callable[[], bytes]) -> bytes:
    """Run ``produce`` and write its PDF to ``path`` (mode 0600); the file is opened first, so
    an unwritable path fails before anything is issued, and removed if ``produce`` fails."""
    if path is None:
        return produce()
    fd = _private_file(path)
    try:
        pdf = produce()
    except BaseException:
        os.close(fd)
        Path(path).unlink(missing_ok=True)
        raise
    with os.fdopen(fd, "wb") as out:
        out.write(pdf)
    return pdf


def _token_pin(cw: Casework) -> None:
    """Ask for the seal token's PIN unless the environment holds one (developer machines)."""
    if not os.environ.get("LAISSEZ_PKCS11_PIN"):
        cw.signing.use_token_pin(_secret("PIN of the mission's seal token: "))


def _issue(cw: Casework, args: argparse.Namespace) -> int:
    etds: list[EtdData] = []
    _token_pin(cw)

    def produce() -> bytes:
        etds.append(cw.decisions.issue_document(args.case))
        return etds[0].pdf

    _write_pdf(args.output, produce)
    print(f"{etds[0].document_number} {etds[0].document_id}")
    notice = cw.numbers.numbers_notice()
    if notice is not None:
        print(f"warning: {notice.sentence} [{notice.code}]", file=sys.stderr)
    if args.output is None:
        print("note: no --output given, so the PDF was not written; print it with "
              "'laissez case reprint --reason ...'", file=sys.stderr)  # fmt: skip
    return EXIT_OK


def _reprint(cw: Casework, args: argparse.Namespace) -> int:
    live = [d for d in cw.decisions.documents(args.case) if d[2] == "issued"]
    if not live:
        raise CliError(f"case {args.case} has no issued document to print")
    _write_pdf(args.output, lambda: cw.signing.reprint_document(live[0][0], args.reason))
    print(f"{live[0][1]} {live[0][0]}")
    return EXIT_OK


def _report_lost(cw: Casework, args: argparse.Namespace) -> int:
    live = [d for d in cw.decisions.documents(args.case) if d[2] == "issued"]
    if not live:
        raise CliError(f"case {args.case} has no valid document to report")
    cw.lost.report_lost(live[0][0], args.kind)
    print(f"{live[0][1]} revoked")
    return EXIT_OK


def _matches(cw: Casework, args: argparse.Namespace) -> int:
    for proposal, reference, reason, decision in cw.persons.proposals(args.case):
        print(f"{proposal} {reference or '-'} {reason} {decision or 'undecided'}")
    for case_id, reference, reason in cw.persons.linked_cases(args.case):
        print(f"linked {case_id} {reference or '-'} {reason}")
    return EXIT_OK


def _decide_match(cw: Casework, args: argparse.Namespace) -> int:
    cw.persons.decide_match(args.proposal, args.decision)
    print(args.decision)
    return EXIT_OK


def _secret(prompt: str) -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return getpass.getpass(prompt)


def _read(path: Path, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        raise CliError(f"cannot read the {what} file {Path(path).name}") from None


def _install_signer(cw: Casework, args: argparse.Namespace) -> int:
    from laissez.casework.signing import make_test_signer

    if args.test_signer:
        files = make_test_signer()
        key, cert, root = files.key_pem, files.certificate_pem, files.root_pem
        password: bytes | None = files.password
    else:
        if not (args.key and args.certificate and args.root):
            raise CliError("give --key, --certificate and --root (or --test-signer)")
        key = _read(args.key, "signing key")
        cert = _read(args.certificate, "certificate")
        root = _read(args.root, "root certificate")
        typed = _secret("Password of the signing key (empty if it has none): ")
        password = typed.encode("utf-8") if typed else None
    _token_pin(cw)
    signer_id = cw.signing.install_signer(key, cert, root, password=password)
    print(signer_id)
    if args.test_signer:
        print("note: a TEST signer was installed; its documents are not valid for travel",
              file=sys.stderr)  # fmt: skip
    return EXIT_OK


def _request_signer(cw: Casework, args: argparse.Namespace) -> int:
    if args.status:
        held = cw.certificates.request_state()
        print(json.dumps(None if held is None else {"request_id": str(held.request_id),
              "status": held.status, "reason_code": held.reason_code}))  # fmt: skip
        return EXIT_OK
    _token_pin(cw)
    request_id = cw.certificates.request_certificate()
    if args.output is not None:
        fd = _private_file(args.output)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(cw.certificates.request_pem() or "")
    print(request_id)
    print("note: the request is sent at the next 'laissez sync push' (or carried by the next "
          "'laissez sync export'); headquarters must approve it", file=sys.stderr)  # fmt: skip
    return EXIT_OK


def _load_numbers(cw: Casework, args: argparse.Namespace) -> int:
    loaded = cw.numbers.load_numbers(args.file)
    print(json.dumps({"ranges": loaded.ranges, "numbers_left": loaded.numbers_left}))
    return EXIT_OK


def _numbers(cw: Casework, _args: argparse.Namespace) -> int:
    print(json.dumps({"numbers_left": cw.numbers.numbers_left()}))
    notice = cw.numbers.numbers_notice()
    if notice is not None:
        print(f"warning: {notice.sentence} [{notice.code}]", file=sys.stderr)
    return EXIT_OK


def _verify(cw: Casework, args: argparse.Namespace) -> int:
    from laissez.documents.errors import DocumentError
    from laissez.documents.seal import Verdict
    from laissez.printing.errors import PrintingError

    try:
        # the file is read and parsed in the sandbox's child process, never in this one
        check = cw.signing.verify_printed(Path(args.file))
    except (PrintingError, DocumentError) as exc:
        print(f"laissez: {exc.message} [{exc.code}]", file=sys.stderr)
        return EXIT_ERROR
    print(json.dumps(check.as_dict(), indent=2))
    verdict = check.verification.verdict
    if verdict is Verdict.VALID:
        return EXIT_OK
    # unreadable or uncertain: not a verdict on the document (the advice says what to do)
    return EXIT_INVALID if verdict is Verdict.INVALID else EXIT_BLOCKED


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
    p.add_argument("--photo", type=Path, help="the person's photo (JPEG or PNG) for the ETD")
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
    p.add_argument("--interpreter-name", help="the interpreter's name or id (needed when used)")
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
             _simple("consent.withdraw_consent", "reason"))  # fmt: skip
    p.add_argument("--reason", default="person_withdrew")
    leaf("fear", 'the person says "I fear return"', _simple("intake.record_fear_expressed"))
    p = leaf("referral", "protection officer: record the referral outcome",
             _simple("decisions.record_referral_outcome", "outcome"))  # fmt: skip
    p.add_argument("outcome", choices=sorted(REFERRAL_OUTCOMES))
    p = leaf("voluntariness", "protection officer: review whether consent is free",
             _simple("decisions.record_voluntariness_review", "outcome"))  # fmt: skip
    p.add_argument("outcome", choices=sorted(VOLUNTARINESS_OUTCOMES))
    p = leaf("release-hold", "protection officer: release an XXA/XXB/XXC protection hold",
             _simple("decisions.release_protection_hold", "reason"))  # fmt: skip
    p.add_argument("reason")
    p = leaf("clear-flag", "protection officer: clear a red flag (trafficking, proceeding, "
             "asylum_claim, child) with a reason", _clear_flag)  # fmt: skip
    p.add_argument("kind", choices=sorted(CLEAR_REASONS))
    p.add_argument("reason", choices=sorted({r for rs in CLEAR_REASONS.values() for r in rs}))
    p.add_argument("--reference", help="the proceeding's or claim's reference (needed for them)")
    p.add_argument("--detail", help="which proceeding (asylum, appeal, court_hearing, ...)")
    leaf("approve-nationality", "supervisor: approve a nationality established by interview",
         _simple("intake.approve_nationality"))  # fmt: skip
    leaf("approve", "supervisor (four eyes): approve issuing the document",
         _simple("decisions.approve"))  # fmt: skip
    leaf("resign", "sign again your own decisions of the case made before decisions were "
         "signed", _simple("legacy.resign"))  # fmt: skip
    leaf("reaffirm", "supervisor (four eyes): approve again a case whose approval was made "
         "before decisions were signed", _simple("legacy.reaffirm"))  # fmt: skip
    p = leaf("issue", "issue the travel document through the safeguard gate and write its "
             "sealed PDF", _issue)  # fmt: skip
    p.add_argument("--output", "-o", type=Path, help="PDF file to write (mode 0600)")
    p = leaf("reprint", "print the case's issued document again (same seal and MRZ)", _reprint)
    p.add_argument("--reason", default=None,
                   help="reason code, e.g. printer_jam (required)")  # fmt: skip
    p.add_argument("--output", "-o", type=Path, required=True, help="PDF file to write (0600)")
    p = leaf("report-lost", "the case's document was lost or stolen: revoke it now (a "
             "replacement is approved and issued anew)", _report_lost)  # fmt: skip
    p.add_argument("kind", choices=("lost", "stolen"))
    leaf("matches", "the cases that are, or may be, the same person's", _matches)
    p = leaf("decide-match", "officer: record whether a proposed match is the same person",
             _decide_match)  # fmt: skip
    p.add_argument("proposal", type=uuid.UUID)
    p.add_argument("decision", choices=("same_person", "not_same_person"))
    p = leaf("install-signer", "administrator: install the mission's seal signing key",
             _install_signer, case=False)  # fmt: skip
    p.add_argument("--key", type=Path, help="signing key (PKCS#8 PEM; its password is asked)")
    p.add_argument("--certificate", type=Path, help="its certificate (PEM), issued by the root")
    p.add_argument("--root", type=Path, help="the headquarters root certificate (PEM)")
    p.add_argument(
        "--test-signer",
        action="store_true",
        help="install a throwaway TEST root and signer (demonstrations only)",
    )
    p = leaf("request-signer", "administrator: make the seal signer's key in the token and "
             "ask headquarters for its certificate", _request_signer, case=False)  # fmt: skip
    p.add_argument("--output", "-o", type=Path, help="also write the request (PEM) here")
    p.add_argument("--status", action="store_true", help="only show the last request's state")
    p = leaf("load-numbers", "administrator: load document numbers from headquarters' "
             "reply bundle ('laissez-hq import --reply')", _load_numbers, case=False)  # fmt: skip
    p.add_argument("file", type=Path, help="the reply bundle")
    leaf("numbers", "how many document numbers this device has left", _numbers, case=False)
    p = leaf("verify", "verify a printed ETD (PDF or image) against this mission's "
             "certificates and revocations (JSON; exit 0 valid, 1 invalid, 3 incomplete)",
             _verify, case=False)  # fmt: skip
    p.add_argument("file", type=Path, help="PDF or image of the document")
    p = leaf("close", "the person departed: close the case", _close)
    p.add_argument("--departure-evidence", choices=DEPARTURE_EVIDENCE, default=None,
                   help="how the departure is known (without it, only once the planned "
                   "departure date has passed)")  # fmt: skip
    p = leaf("close-without-document", "end a case that produces no document",
             _simple("decisions.close_without_document", "reason"))  # fmt: skip
    p.add_argument("reason")
    leaf("gate", "show every unmet safeguard condition (exit 3 if any)", _gate)
    p = leaf("list", "list cases with their state", _list, case=False)
    p.add_argument("--limit", type=int, default=100)
    leaf("codes", "list every gate code with its sentence", _codes, case=False, db=False)
    p = leaf("advisal", "print a rights-advisal text with its hash and review mark",
             _advisal_text, case=False, db=False)  # fmt: skip
    p.add_argument("language", choices=default_library().advisal_languages())
