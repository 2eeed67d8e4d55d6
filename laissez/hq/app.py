"""The FastAPI application of the headquarters service.

Device endpoints (``/v1/...``) are authenticated by request signatures (``auth``); enrolment
is authenticated by a one-time code; admin endpoints (``/v1/admin/...``) by a bearer token.
Errors answer ``{"code", "message"}`` and never echo what was sent: a request body carries
personal data, so validation errors name field locations only.
"""

import dataclasses
import datetime as dt
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from laissez import __version__
from laissez.hq import admin, csca, keys, report, report_page, trust
from laissez.hq import sync as hq_sync
from laissez.hq.auth import authenticate, check_admin_token
from laissez.hq.db import make_engine, migrate, session_factory
from laissez.hq.errors import (
    BodyTooLargeError,
    ConfigurationError,
    HqError,
    ProtocolVersionError,
)
from laissez.hq.guard import RequestGuard
from laissez.hq.models import Device, Mission
from laissez.protocol import (
    PROTOCOL_VERSION,
    AuthError,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    NumberRange,
    NumberRangeRequest,
    ProtocolError,
    PullResponse,
    PushAck,
    PushBatch,
)
from laissez.protocol.kinds import KINDS, Registry
from laissez.protocol.signer import SignerRequest, SignerRequestStatus
from laissez.protocol.trust import AuditAnchor, AuditHead, KeyAnswer, KeyRequests

log = logging.getLogger(__name__)

#: largest accepted request body: a full batch of 1,000 changes stays well below it
MAX_BODY_BYTES = 32 * 1024 * 1024
ENV_ADMIN_TOKEN = "LAISSEZ_HQ_ADMIN_TOKEN"  # noqa: S105 - a variable name
#: set to 1 to serve /docs and /openapi.json (then only with the admin token)
ENV_DOCS = "LAISSEZ_HQ_DOCS"
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody},
    401: {"model": ErrorBody},
    403: {"model": ErrorBody},
}


class StoredChange(BaseModel):
    """A change as headquarters stored it (after minimisation), for its own mission."""

    seq: int
    change_id: uuid.UUID
    content_hash: str
    entity: str
    entity_id: str
    operation: str
    schema_version: int
    payload: dict[str, Any]
    stripped: list[str]


class NumberStandingItem(BaseModel):
    """A mission's document-number standing (``laissez.hq.sync.NumberStanding``)."""

    mission_code: str
    prefix: str
    allocated: int
    quota: int
    prefix_used: int
    capacity: int
    left: int
    low: bool


class ConflictItem(BaseModel):
    """A conflict: ids and sequence numbers of both stored versions, never their content."""

    conflict_id: uuid.UUID
    mission_code: str
    change_id: uuid.UUID
    first_seq: int
    other_seq: int
    detected_at: dt.datetime
    resolved: bool


def _conflict_items(views: list[admin.ConflictView]) -> list[ConflictItem]:
    return [
        ConflictItem(
            conflict_id=c.conflict_id,
            mission_code=c.mission_code,
            change_id=c.change_id,
            first_seq=c.first_seq,
            other_seq=c.other_seq,
            detected_at=c.detected_at,
            resolved=c.resolved,
        )
        for c in views
    ]


def _json(model: BaseModel, status: int = 200) -> Response:
    return Response(
        content=model.model_dump_json(), media_type="application/json", status_code=status
    )


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"code": code, "message": message})


def _reconcile_numbers(sessions: sessionmaker[Session]) -> None:
    """Move any number counter a restore put back past the numbers already out
    (``laissez.hq.highwater``). A record that cannot be read is logged; allocation then refuses
    (503) until it is fixed, while pushes and pulls go on."""
    from laissez.hq import highwater

    try:
        with sessions() as session:
            highwater.reconcile(session)
            session.commit()
    except HqError as exc:
        log.error("%s [%s]", exc.message, exc.code)


def create_app(
    database_url: str | None = None,
    *,
    engine: Engine | None = None,
    admin_token: str | None = None,
    run_migrations: bool = True,
    clock: Callable[[], float] = time.time,
    registry: Registry = KINDS,
    key_passphrase: str | None = None,
) -> FastAPI:
    """A new application on ``engine`` (or a new engine for ``database_url``).

    With neither, only ``/health`` works (a service not yet configured). Migrations run at
    creation unless ``run_migrations`` is false. ``admin_token`` (else
    ``$LAISSEZ_HQ_ADMIN_TOKEN``) enables the admin endpoints. ``clock`` exists for tests, and
    ``registry`` (the change kinds this service reads) for testing version skew.
    With a database, headquarters' keys are opened at once with ``key_passphrase`` (else
    ``$LAISSEZ_HQ_KEY_PASSPHRASE``): a missing or wrong one raises ``KeyPassphraseError``
    before the service answers anything.
    """
    docs = (os.environ.get(ENV_DOCS) or "").lower() in ("1", "yes", "true")
    app = FastAPI(
        title="Laissez headquarters",
        version=__version__,
        description="Sync service for Laissez missions: signed, idempotent, mission-scoped.",
        # off unless $LAISSEZ_HQ_DOCS is set, and then behind the admin token (RequestGuard)
        docs_url="/docs" if docs else None,
        redoc_url=None,
        openapi_url="/openapi.json" if docs else None,
    )
    if engine is None and database_url:
        engine = make_engine(database_url)
    if engine is not None and run_migrations:
        migrate(engine)
    sessions = session_factory(engine) if engine is not None else None
    secret = None
    if sessions is not None:
        secret = keys.key_passphrase(key_passphrase)
        with sessions() as session:
            keys.service_keys(session, secret)
            session.commit()
        _reconcile_numbers(sessions)
    token = admin_token if admin_token is not None else os.environ.get(ENV_ADMIN_TOKEN)

    def device_key(device_id: uuid.UUID) -> tuple[str, bool] | None:
        assert sessions is not None
        with sessions() as session:
            found = session.get(Device, device_id)
            return None if found is None else (found.public_key, found.revoked_at is not None)

    app.add_middleware(
        RequestGuard,
        lookup=device_key if sessions is not None else None,
        max_body=lambda: MAX_BODY_BYTES,
        admin_token=token,
        clock=clock,
        docs_paths=("/docs", "/openapi.json", "/docs/oauth2-redirect"),
    )

    @app.exception_handler(HqError)
    async def _hq_error(_request: Request, exc: HqError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message)

    @app.exception_handler(ProtocolError)
    async def _protocol_error(_request: Request, exc: ProtocolError) -> JSONResponse:
        return _error(401 if isinstance(exc, AuthError) else 400, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        where = sorted({".".join(str(p) for p in e.get("loc", ())) for e in exc.errors()})
        return _error(422, "request.invalid", "invalid fields: " + ", ".join(where[:20]))

    def get_session() -> Iterator[Session]:
        if sessions is None:
            raise ConfigurationError("the service has no database configured")
        session = sessions()
        try:
            yield session
        finally:
            session.close()

    async def raw_body(request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            raise BodyTooLargeError(f"request bodies are limited to {MAX_BODY_BYTES} bytes")
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            raise BodyTooLargeError(f"request bodies are limited to {MAX_BODY_BYTES} bytes")
        return body

    def device(
        request: Request,
        body: Annotated[bytes, Depends(raw_body)],
        session: Annotated[Session, Depends(get_session)],
    ) -> Device:
        query = request.url.query
        path = request.url.path + (f"?{query}" if query else "")
        return authenticate(session, request.method, path, body, dict(request.headers), now=clock())

    def admin_only(authorization: Annotated[str | None, Header()] = None) -> None:
        given = authorization.removeprefix("Bearer ").strip() if authorization else None
        check_admin_token(given, token)

    SessionDep = Annotated[Session, Depends(get_session)]
    DeviceDep = Annotated[Device, Depends(device)]

    @app.get("/health")
    def health() -> dict[str, str]:
        """Liveness: answers without touching the database."""
        return {"status": "ok", "version": __version__}

    @app.post("/v1/enrol", response_model=EnrolResponse, responses=_ERRORS)
    def enrol(request: EnrolRequest, session: SessionDep) -> Response:
        """Enrol a device with a one-time code and its Ed25519 public key."""
        _check_version(request.protocol_version)
        new = admin.enrol_device(
            session,
            request.enrolment_code,
            request.public_key,
            request.device_name,
            request.bundle_public_key,
        )
        mission = admin.mission_of(session, new.mission_id)
        service = keys.service_keys(session, secret)
        session.commit()
        return _json(
            EnrolResponse(
                device_id=new.id,
                mission_id=mission.id,
                mission_code=mission.code,
                hq_bundle_key=service.bundle_public,
                hq_signing_key=service.signing_public,
            )
        )

    @app.post("/v1/push", response_model=PushAck, responses=_ERRORS)
    def push(batch: PushBatch, who: DeviceDep, session: SessionDep) -> Response:
        """Store a batch of changes; answers only after the commit."""
        _check_version(batch.protocol_version)
        ack = hq_sync.ingest(session, who, batch, registry)
        session.commit()
        return _json(ack)

    @app.get("/v1/pull", response_model=PullResponse, responses=_ERRORS)
    def pull(
        who: DeviceDep, session: SessionDep, since: Annotated[int, Query(ge=0)] = 0
    ) -> Response:
        """Revocations after ``since``, number ranges, forms, certificates, configuration,
        and the mission's officers' key certificates."""
        service = keys.service_keys(session, secret)
        pulled = trust.with_certificates(session, hq_sync.pull(session, who, since), who, service)
        return _json(csca.with_signer_state(session, pulled, who, service))

    @app.post("/v1/signer-requests", response_model=SignerRequestStatus, responses=_ERRORS)
    def signer_request(request: SignerRequest, who: DeviceDep, session: SessionDep) -> Response:
        """Keep the mission's seal-signer certificate request until a headquarters
        administrator approves it (refused at once, with its reason, when its signature does
        not verify or it names another mission or country)."""
        answer = csca.receive(session, who, request)
        session.commit()
        return _json(answer)

    @app.post("/v1/keys", response_model=KeyAnswer, responses=_ERRORS)
    def officer_keys(request: KeyRequests, who: DeviceDep, session: SessionDep) -> Response:
        """Certify the officers' keys the device presents, revoke those it names; answers
        with every certificate of the mission (after the commit)."""
        _check_version(request.protocol_version)
        answer = trust.answer_keys(session, who, request, keys.service_keys(session, secret))
        session.commit()
        return _json(answer)

    @app.get("/v1/audit/anchor", response_model=AuditAnchor, responses=_ERRORS)
    def audit_anchor(who: DeviceDep, session: SessionDep) -> Response:
        """The audit chain head headquarters holds for the device."""
        return _json(trust.anchor_of(session, who))

    @app.post("/v1/audit/head", response_model=AuditAnchor, responses=_ERRORS)
    def audit_head(head: AuditHead, who: DeviceDep, session: SessionDep) -> Response:
        """Anchor the device's audit chain head; 409 (and a flag kept for a person) when it
        does not extend the head held."""
        _check_version(head.protocol_version)
        try:
            anchored = trust.anchor_head(session, who, head)
        except trust.AuditHeadRefusedError:
            session.commit()  # the flag stays, for a person at headquarters
            raise
        session.commit()
        return _json(anchored)

    @app.post("/v1/number-ranges", response_model=NumberRange, responses=_ERRORS)
    def number_range(request: NumberRangeRequest, who: DeviceDep, session: SessionDep) -> Response:
        """A range of document numbers no other device will ever receive."""
        _check_version(request.protocol_version)
        allocated = hq_sync.allocate_range(session, who, request)
        session.commit()
        return _json(allocated)

    @app.get("/v1/changes", response_model=list[StoredChange], responses=_ERRORS)
    def changes(
        who: DeviceDep,
        session: SessionDep,
        after: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
    ) -> list[StoredChange]:
        """The changes headquarters holds for the device's own mission, in arrival order."""
        rows = hq_sync.mission_changes(session, who, after_seq=after, limit=limit)
        return [
            StoredChange(
                seq=r.seq,
                change_id=r.change_id,
                content_hash=r.content_hash,
                entity=r.entity,
                entity_id=r.entity_id,
                operation=r.operation,
                schema_version=r.schema_version,
                payload=r.payload,
                stripped=list(r.stripped),
            )
            for r in rows
        ]

    @app.get("/v1/admin/conflicts", dependencies=[Depends(admin_only)], responses=_ERRORS)
    def conflicts(session: SessionDep, include_resolved: bool = False) -> list[ConflictItem]:
        """Open conflicts (two contents under one change id) for a person to decide."""
        return _conflict_items(admin.list_conflicts(session, include_resolved=include_resolved))

    @app.get("/v1/conflicts", responses=_ERRORS)
    def mission_conflicts(
        who: DeviceDep, session: SessionDep, include_resolved: bool = False
    ) -> list[ConflictItem]:
        """The device's own mission's conflicts, so staff there see what waits for a decision
        (``seq`` values match ``/v1/changes``)."""
        found = admin.list_conflicts(
            session, include_resolved=include_resolved, mission_id=who.mission_id
        )
        return _conflict_items(found)

    @app.get("/v1/admin/numbers", dependencies=[Depends(admin_only)], responses=_ERRORS)
    def numbers(session: SessionDep, series: str = "etd") -> list[NumberStandingItem]:
        """Each mission's document numbers: held, quota, its prefix's use of the 999,999 it
        can hold, what is left, and ``low`` once under 10 % of the quota is left."""
        return [
            NumberStandingItem(**dataclasses.asdict(hq_sync.number_standing(session, m, series)))
            for m in session.scalars(select(Mission).order_by(Mission.code))
        ]

    @app.get("/v1/admin/report", dependencies=[Depends(admin_only)], responses=_ERRORS)
    def accountability(session: SessionDep, format: str = "json") -> Response:
        """The accountability report: counts per mission and month, small counts suppressed
        (JSON, or CSV with ``format=csv``); the page to read it is ``/admin/report``."""
        rows = report.build(session)
        if format == "csv":
            return Response(report.to_csv(rows), media_type="text/csv")
        return JSONResponse(report.to_json(rows))

    app.include_router(report_page.router(get_session, token))
    return app


def _check_version(version: int) -> None:
    if version != PROTOCOL_VERSION:
        raise ProtocolVersionError(
            f"protocol version {version} is not supported; this service speaks {PROTOCOL_VERSION}"
        )


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory laissez.hq.app:app_from_env``: the database URL comes
    from ``$LAISSEZ_HQ_DATABASE_URL``; the schema must already be migrated
    (``laissez-hq migrate``), so that several workers never migrate at once."""
    from laissez.hq.db import ENV_DATABASE_URL

    return create_app(os.environ.get(ENV_DATABASE_URL), run_migrations=False)
