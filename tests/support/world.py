"""A small world for casework tests: one real encrypted database and a handle per user.

Users (each unlocks the database with their own passphrase, as at a real mission):
``oscar`` and ``olga`` (officers), ``sam`` and ``sue`` (supervisors), ``pat`` (protection
officer), ``boss`` (officer and supervisor, to try self-approval). The administrator installs
a throwaway test signer (``TEST_SIGNER``) unless ``signer=False``, and cases get a photo, so
issuing produces a sealed PDF as at a real mission. Document numbers come from headquarters
ranges; a world has no headquarters, so ``install_numbers`` stores a range as a pull would
(``numbers=`` how many; ``0`` for none).
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import select

from laissez.casework.service import Casework
from laissez.casework.signing import SignerFiles, make_test_signer
from laissez.casework.states import CaseState
from laissez.documents.mrz import MrzFormat, MrzInput, build
from laissez.forms import default_library
from laissez.printing.specimen import specimen_photo
from laissez.protocol import NumberRange
from laissez.storage.database import DATABASE_NAME, Database
from laissez.storage.keys import TEST_KDF
from laissez.storage.models import Mission
from laissez.storage.sync import state as sync_state

USERS: dict[str, tuple[str, ...]] = {
    "oscar": ("officer",),
    "olga": ("officer",),
    "sam": ("supervisor",),
    "sue": ("supervisor",),
    "pat": ("protection_officer",),
    "boss": ("officer", "supervisor"),
}
PASSPHRASE = "a long test passphrase {name}"
ADMIN_PASSPHRASE = "admin passphrase 1"
#: one throwaway root and signer for every test world (made once: key generation is cheap,
#: but there is no need to repeat it)
TEST_SIGNER: SignerFiles = make_test_signer(signer_identifier="BDDA", country="BD",
                                            mission="Test mission Dhaka")  # fmt: skip
PHOTO: bytes = specimen_photo()

IDENTITY: dict[str, Any] = {
    "primary_name": "Rahman",
    "secondary_name": "Amina",
    "date_of_birth": "1990-XX-XX",
    "sex": "f",
    "languages_spoken": "bn",
    "nationality": "BGD",
    "evidence": ["passport_mrz"],
    "document_number": "BX1234567",
    "stateless_claim": "no",
    "refugee_status": "no",
}
INTERVIEW: dict[str, dict[str, Any]] = {
    "family": {"has_dependants": "no", "family_contact_wanted": "yes"},
    "vulnerability": {"is_child": "no", "health_needs": "no", "disability": "no", "gbv_risk": "no"},
    "fear_of_return": {
        "fears_return": "no",
        "in_detention": "no",
        "prefers_return_to_detention": "no",
        "pressure_reported": "no",
    },
    "pending_proceedings": {
        "asylum_pending": "no",
        "appeal_pending": "no",
        "court_hearing_pending": "no",
        "immigration_hearing_pending": "no",
    },
    "travel_route": {
        "destination_country": "BGD",
        "travel_mode": "air",
        "escort": "no",
        "reintegration_support": "yes",
        "person_signature": {"kind": "signed", "ref": "sig-1"},
    },
}
ADVISAL: dict[str, Any] = {
    "language": "bn",
    "language_understood": True,
    "interpreter_needed": True,
    "interpreter_used": True,
    "interpreter_name": "Interpreter One",
    "questions": "Asked whether the entry ban applies to family visits; answered: yes.",
    "legal_counsel_offered": True,
    "legal_counsel_accepted": False,
}


#: how many document numbers a test world holds unless told otherwise
WORLD_NUMBERS = 1000


def install_numbers(db: Database, first: int, last: int, series: str = "etd") -> uuid.UUID:
    """FOR TESTS ONLY: store the range ``first`` .. ``last`` as if headquarters had sent it in
    a pull (no headquarters, no signature); returns the range id. Real installations get
    ranges from ``laissez sync numbers``/``pull`` or ``Casework.numbers.load_numbers``."""
    range_id = uuid.uuid4()
    with db.session() as session:
        sync_state.store_range(
            session,
            NumberRange(range_id=range_id, series=series, first=first, last=last,
                        allocated_at=dt.datetime.now(dt.UTC)),
        )  # fmt: skip
    return range_id


def letters(n: int) -> str:
    """``n`` as lower-case letters (2 -> ``c``, 27 -> ``bb``): a name part of letters only."""
    out = ""
    while True:
        n, rest = divmod(n, 26)
        out = chr(ord("a") + rest) + out
        if n == 0:
            return out


@functools.cache
def another_photo(n: int) -> bytes:
    """The specimen photograph with a few pixels changed: another person's picture."""
    image = Image.open(io.BytesIO(PHOTO)).convert("RGB")
    for i in range(4):
        image.putpixel((i, n % 450), (n % 256, (n // 256) % 256, i))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def mrz_lines(
    nationality: str = "BGD", *, valid: bool = True, number: str = "BX1234567"
) -> list[str]:
    """TD3 passport MRZ lines; with ``valid=False`` one check digit is wrong. ``number``:
    the document number (one person's passport belongs to one open case)."""
    built = build(
        MrzInput(
            format=MrzFormat.TD3,
            document_code="P",
            issuing_state=nationality if nationality not in ("XXA", "XXB", "XXC") else "DEU",
            primary_identifier="RAHMAN",
            secondary_identifier="AMINA",
            document_number=number,
            nationality=nationality,
            date_of_birth="1990-03-04",
            sex="F",
            date_of_expiry=dt.date.today().replace(year=dt.date.today().year + 3).isoformat(),
        )
    )
    lines = list(built.lines)
    if not valid:
        line = lines[1]
        digit = line[9]
        lines[1] = line[:9] + str((int(digit) + 1) % 10) + line[10:]
    return lines


class World:
    """The database file, and one ``Casework`` per user (each its own unlocked handle)."""

    def __init__(
        self,
        directory: Path,
        *,
        signer: bool = True,
        numbers: int = WORLD_NUMBERS,
        upgraded_from: str | None = None,
    ) -> None:
        """``upgraded_from``: the database is first made at that schema revision (by
        ``tests.support.migrations``, with its administrator and one old case), then upgraded
        by opening it, as an installation of an older version is."""
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / DATABASE_NAME
        if upgraded_from is not None:
            from tests.support.migrations import make_first_revision_database

            make_first_revision_database(self.path, upgraded_from)
            admin = Database.open(self.path, username="admin", passphrase=ADMIN_PASSPHRASE)
        else:
            admin = Database.create(
                self.path, username="admin", passphrase=ADMIN_PASSPHRASE, kdf=TEST_KDF,
                mission_code="DAC",
            )  # fmt: skip
        self.signer_id: uuid.UUID | None = None
        if signer:
            s = TEST_SIGNER
            self.signer_id = Casework(admin).signing.install_signer(
                s.key_pem, s.certificate_pem, s.root_pem, password=s.password
            )
        if numbers:
            install_numbers(admin, 1, numbers)
        # the mission's own State: the nationality it issues for unless headquarters says more
        with admin.session() as session:
            missions = session.scalars(select(Mission)).all()
            for mission in missions:
                mission.country_code = "BGD"
            if not missions:  # an old installation's cases name no mission: headquarters' list
                import json

                from laissez.storage.sync import state as sync_state

                config = {**sync_state.configuration(session), "issuable_nationalities": ["BGD"]}
                sync_state.put(session, sync_state.KEY_CONFIG, json.dumps(config))
        for name, roles in USERS.items():
            admin.add_user(name, PASSPHRASE.format(name=name), roles, kdf=TEST_KDF)
        self.admin = admin
        self.handles: dict[str, Database] = {}
        self._passports = 0
        self.cw: dict[str, Casework] = {}
        for name in USERS:
            db = Database.open(self.path, username=name, passphrase=PASSPHRASE.format(name=name))
            self.handles[name] = db
            self.cw[name] = Casework(db)
        self.library = default_library()

    def __getitem__(self, name: str) -> Casework:
        return self.cw[name]

    def admin_casework(self) -> Casework:
        """Casework acting as the administrator (installs signers)."""
        return Casework(self.admin)

    def close(self) -> None:
        """Close every handle."""
        for db in self.handles.values():
            db.close()
        self.admin.close()

    # --- walking a case to a state -----------------------------------------------------------

    def new_case(
        self,
        until: CaseState = CaseState.APPROVED,
        *,
        officer: str = "oscar",
        supervisor: str = "sam",
        identity: dict[str, Any] | None = None,
        interview: dict[str, dict[str, Any]] | None = None,
        advisal: dict[str, Any] | None = None,
        mrz: list[str] | bool | None = True,
        consent: dict[str, Any] | None = None,
        data_sharing: str = "declined",
        photo: bytes | None = PHOTO,
    ) -> uuid.UUID:
        """Open a case and walk it with good answers up to ``until`` (main path states)."""
        cw = self[officer]
        case_id = cw.intake.open_case()
        order = list(CaseState)
        target = order.index(until)
        if target >= order.index(CaseState.IDENTIFIED):
            # each case its own passport (one person's passport belongs to one open case):
            # the first BX1234567, then BX1234568 ...
            self._passports += 1
            number = f"BX{1234566 + self._passports:07d}"
            lines = mrz_lines(number=number) if mrz is True else (mrz or None)
            person = dict(identity or IDENTITY)
            if self._passports > 1 and person["secondary_name"] == IDENTITY["secondary_name"]:
                # another person (a case is not a person): the same name and photograph in
                # two cases would be proposed as one person (laissez.casework.persons)
                person["secondary_name"] += letters(self._passports)
                photo = another_photo(self._passports) if photo is PHOTO else photo
            cw.intake.record_identity(case_id, person, mrz_lines=lines, photo=photo)
        if target >= order.index(CaseState.INTERVIEWED):
            answers = copy.deepcopy(INTERVIEW)
            answers.update(interview or {})
            for form_id, form_answers in answers.items():
                cw.intake.record_interview(case_id, form_id, form_answers)
        if target >= order.index(CaseState.ADVISED):
            cw.consent.deliver_advisal(case_id, **(advisal or ADVISAL))
            for recipient in self.library.consent_scopes().recipients():
                cw.consent.record_data_sharing(case_id, recipient, data_sharing)
        if target >= order.index(CaseState.CONSENT_RECORDED):
            cw.consent.record_consent(case_id, "return", "granted", **(consent or {}))
            cw.consent.record_consent(case_id, "travel_document", "granted", **(consent or {}))
        if target >= order.index(CaseState.APPROVED):
            self[supervisor].decisions.approve(case_id)
        return case_id


def world_at(directory: Path) -> Iterator[World]:
    """A world in ``directory``, closed afterwards (for fixtures)."""
    world = World(directory)
    try:
        yield world
    finally:
        world.close()


def codes(world: World, case_id, user: str = "oscar") -> list[str]:  # type: ignore[no-untyped-def]
    """The codes of the gate issues ``user`` sees on case ``case_id``."""
    return [i.code for i in world[user].gate(case_id)]
