"""``laissez-hq``: run and administer the headquarters service.

``laissez-hq --database URL`` (or ``$LAISSEZ_HQ_DATABASE_URL``) serves the API on PostgreSQL;
``laissez-hq --demo`` serves on a local SQLite file. Subcommands:

* ``serve`` (the default): run the service with uvicorn;
* ``migrate``: bring the schema up to date;
* ``admin ...``: create missions and enrolment codes, revoke devices and documents, publish
  forms, set configuration, list and resolve conflicts;
* ``import FILE --reply OUT``: read a mission's offline bundle, write the reply bundle;
* ``report``: the accountability report (JSON or CSV);
* ``openapi``: print the OpenAPI schema.

Errors print one line with their code; no traceback reaches the administrator.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from laissez.hq import admin, csca, report, trust
from laissez.hq.errors import HqError
from laissez.protocol import BundleError, ProtocolError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="laissez-hq", description="Laissez headquarters service")
    parser.add_argument("--database", help="SQLAlchemy URL (postgresql+psycopg://...)")
    parser.add_argument("--demo", action="store_true", help="use a local SQLite demo database")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8400)
    parser.add_argument("--workers", type=int, default=1, help="server processes (serve only)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("serve", help="run the service (the default)")
    sub.add_parser("migrate", help="bring the database schema up to date")
    sub.add_parser("openapi", help="print the OpenAPI schema as JSON")
    imp = sub.add_parser("import", help="import a mission's offline push bundle")
    imp.add_argument("file", type=Path, help="the bundle the mission exported")
    imp.add_argument("--reply", type=Path, required=True, help="where to write the reply bundle")
    rep = sub.add_parser("report", help="the accountability report")
    rep.add_argument("--format", choices=("json", "csv"), default="json")

    adm = sub.add_parser("admin", help="administer missions, devices and published data")
    a = adm.add_subparsers(dest="admin_command", metavar="ACTION", required=True)
    p = a.add_parser("create-mission", help="create a mission")
    p.add_argument("code")
    p.add_argument("name")
    p = a.add_parser("enrolment-code", help="make a one-time enrolment code for a mission")
    p.add_argument("mission")
    p.add_argument("--valid-hours", type=int, default=admin.ENROLMENT_CODE_HOURS)
    p = a.add_parser("revoke-device", help="revoke an enrolled device")
    p.add_argument("device_id", type=uuid.UUID)
    p = a.add_parser("revoke-document", help="revoke a travel document of a mission")
    p.add_argument("mission")
    p.add_argument("document_number")
    p.add_argument("--reason", default="headquarters")
    p = a.add_parser(
        "publish-form", help="check, sign and publish a form, advisal text or consent version"
    )
    p.add_argument("file", type=Path, help="the version's YAML file (status: published)")
    p = a.add_parser("add-certificate", help="register a signer certificate (PEM file)")
    p.add_argument("file", type=Path)
    p.add_argument("--mission", help="only for this mission (default: all)")
    p.add_argument("--valid-days", type=int, default=365)
    p = a.add_parser("set-config", help="set a mission configuration value (JSON)")
    p.add_argument("mission")
    p.add_argument("key")
    p.add_argument("value", help="a JSON value, e.g. true or 30")
    p = a.add_parser("revoke-user-key", help="revoke an officer's certified signing key")
    p.add_argument("mission")
    p.add_argument("public_key", help="the key (base64url) as `user-keys` lists it")
    p.add_argument("--reason", default="headquarters")
    p = a.add_parser("user-keys", help="list a mission's officers' key certificates")
    p.add_argument("mission")
    a.add_parser("audit-flags", help="list devices whose audit trail was cut or rewritten")
    p = a.add_parser("reset-audit-anchor", help="anchor a checked device's next head afresh")
    p.add_argument("device_id", type=uuid.UUID)
    p = a.add_parser("csca-init", help="make the country signing CA (key in a token or file)")
    p.add_argument("--country", required=True, help="the State's 2-letter ISO code")
    p.add_argument("--name", required=True, help="the CSCA's common name")
    p.add_argument("--key-file", type=Path, help=f"default: ${csca.ENV_CSCA_KEY}")
    p = a.add_parser("signer-requests", help="list missions' seal-signer certificate requests")
    p.add_argument("--all", action="store_true", help="include decided ones")
    p = a.add_parser("approve-signer-request", help="issue the requested signer certificate")
    p.add_argument("request_id", type=uuid.UUID)
    p.add_argument("--key-file", type=Path, help=f"default: ${csca.ENV_CSCA_KEY}")
    p = a.add_parser("refuse-signer-request", help="refuse a seal-signer certificate request")
    p.add_argument("request_id", type=uuid.UUID)
    p.add_argument("--reason", default=csca.REFUSED_BY_HQ)
    p = a.add_parser("conflicts", help="list conflicts waiting for a person")
    p.add_argument("--all", action="store_true", help="include resolved ones")
    p = a.add_parser("resolve-conflict", help="record the decision on a conflict")
    p.add_argument("conflict_id", type=uuid.UUID)
    p.add_argument("resolution")
    return parser


def _admin_action(args: argparse.Namespace) -> Callable[[Session], Any]:
    cmd = args.admin_command
    if cmd == "create-mission":
        return lambda s: {"mission_id": str(admin.create_mission(s, args.code, args.name).id)}
    if cmd == "enrolment-code":
        return lambda s: {
            "enrolment_code": admin.create_enrolment_code(
                s, args.mission, valid_hours=args.valid_hours
            )
        }
    if cmd == "revoke-device":
        return lambda s: {"revoked": str(admin.revoke_device(s, args.device_id).id)}
    if cmd == "revoke-document":
        return lambda s: {
            "seq": admin.revoke_document(s, args.mission, args.document_number, args.reason)
        }
    if cmd == "publish-form":
        body = args.file.read_text(encoding="utf-8")

        def publish(s: Session) -> dict[str, str]:
            key, digest = admin.publish_form(s, body)
            return {"published": key, "content_hash": digest}

        return publish
    if cmd == "add-certificate":
        pem = args.file.read_text(encoding="ascii")
        start = dt.datetime.now(dt.UTC)
        end = start + dt.timedelta(days=args.valid_days)
        return lambda s: {
            "certificate_id": str(admin.add_signer_certificate(s, pem, start, end, args.mission))
        }
    if cmd == "set-config":
        value = json.loads(args.value)
        return lambda s: admin.set_config(s, args.mission, args.key, value)
    if cmd == "revoke-user-key":
        return lambda s: {"serial": trust.revoke_key(s, args.mission, args.public_key, args.reason)}
    if cmd == "user-keys":
        return lambda s: [
            c.model_dump(mode="json", exclude={"signature"})
            for c in trust.mission_certificates(s, admin.mission_by_code(s, args.mission))
        ]
    if cmd == "audit-flags":
        return lambda s: [
            {
                "device_id": str(f.device_id),
                "code": f.code,
                "held_count": f.held_count,
                "sent_count": f.sent_count,
                "flagged_at": f.flagged_at.isoformat(),
            }
            for f in trust.open_flags(s)
        ]
    if cmd == "reset-audit-anchor":
        return lambda s: {"resolved_flags": trust.reset_anchor(s, args.device_id)}
    if cmd == "csca-init":
        return lambda s: {
            "country_signing_ca": csca.init_csca(
                s, args.country, args.name, key_path=args.key_file
            ).subject.rfc4514_string()
        }
    if cmd == "signer-requests":
        return lambda s: csca.requests(s, include_decided=args.all)
    if cmd == "approve-signer-request":

        def approve(s: Session) -> dict[str, str | None]:
            try:
                row = csca.approve(s, args.request_id, key_path=args.key_file)
            except HqError:
                s.commit()  # the request stays refused, with its reason, for the device
                raise
            return {"issued": str(row.id), "signer_identifier": row.signer_identifier}

        return approve
    if cmd == "refuse-signer-request":

        def refuse(s: Session) -> dict[str, str]:
            csca.refuse(s, args.request_id, args.reason)
            return {"refused": str(args.request_id)}

        return refuse
    if cmd == "conflicts":
        return lambda s: [
            {
                "conflict_id": str(c.conflict_id),
                "mission_code": c.mission_code,
                "change_id": str(c.change_id),
                "versions": [c.first_seq, c.other_seq],
                "resolved": c.resolved,
            }
            for c in admin.list_conflicts(s, include_resolved=args.all)
        ]
    assert cmd == "resolve-conflict"

    def resolve(s: Session) -> dict[str, bool]:
        admin.resolve_conflict(s, args.conflict_id, args.resolution)
        return {"resolved": True}

    return resolve


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``laissez-hq``; returns the exit status."""
    args = _parser().parse_args(argv)
    command = args.command or "serve"
    try:
        if command == "openapi":
            from laissez.hq.app import create_app

            print(json.dumps(create_app().openapi(), indent=2, sort_keys=True))
            return 0
        from laissez.hq.db import (
            ENV_DATABASE_URL,
            make_engine,
            migrate,
            resolve_url,
            session_factory,
        )

        if args.demo:
            from laissez.hq.keys import DEMO_PASSPHRASE, ENV_KEY_PASSPHRASE

            os.environ.setdefault(ENV_KEY_PASSPHRASE, DEMO_PASSPHRASE)
        engine = make_engine(resolve_url(args.database, demo=args.demo))
        migrate(engine)
        if command == "migrate":
            print("schema up to date")
            from laissez.hq import highwater

            with session_factory(engine)() as session:
                raised = highwater.reconcile(session)
                session.commit()
            for item in raised:
                print(
                    f"number counter {item.series} moved from {item.was} to {item.now}: it "
                    "was behind numbers already handed out (restored from an older dump?)"
                )
            return 0
        if command == "serve":
            import uvicorn

            from laissez.hq.app import create_app

            if args.workers > 1:
                # each worker process builds its own app and engine from the environment
                os.environ[ENV_DATABASE_URL] = resolve_url(args.database, demo=args.demo)
                engine.dispose()
                uvicorn.run(
                    "laissez.hq.app:app_from_env",
                    factory=True,
                    host=args.host,
                    port=args.port,
                    workers=args.workers,
                    log_level="info",
                )
                return 0
            app = create_app(engine=engine, run_migrations=False)
            uvicorn.run(app, host=args.host, port=args.port, log_level="info")
            return 0
        with session_factory(engine)() as session:
            if command == "import":
                from laissez.documents.errors import DocumentError
                from laissez.documents.sandbox import read_untrusted
                from laissez.hq.bundles import import_bundle
                from laissez.protocol.bundle import MAX_BUNDLE_BYTES

                try:  # a regular file only, never a pipe or a device, at most 64 MiB
                    data = read_untrusted(args.file, max_bytes=MAX_BUNDLE_BYTES)
                except DocumentError as exc:
                    raise BundleError(f"the bundle file cannot be used ({exc.code})") from None
                result = import_bundle(session, data)
                session.commit()  # stored first: the reply acknowledges committed data only
                args.reply.write_bytes(result.reply)
                print(json.dumps({"device_id": str(result.device_id), "changes": result.changes}))
                return 0
            if command == "report":
                rows = report.build(session)
                if args.format == "csv":
                    sys.stdout.write(report.to_csv(rows))
                else:
                    print(json.dumps(report.to_json(rows), indent=2))
                return 0
            result = _admin_action(args)(session)
            session.commit()
        print(json.dumps(result, indent=2, default=str))
        return 0
    except (HqError, ProtocolError) as exc:
        print(f"laissez-hq: {exc.message} [{exc.code}]", file=sys.stderr)
        return 1
    except (OSError, json.JSONDecodeError) as exc:
        print(f"laissez-hq: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
