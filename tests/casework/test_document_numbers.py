"""Document numbers come from the device's headquarters ranges, are taken in the issue
transaction, are never reused, and running out blocks issuing with a clear sentence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from laissez.casework.errors import (
    NoDocumentNumbersError,
    NumberBundleError,
    PrintFailedError,
    RoleRequiredError,
)
from laissez.casework.numbers import (
    LOW_NUMBERS_CODE,
    LOW_NUMBERS_WARNING,
    NO_NUMBERS_SENTENCE,
    format_document_number,
    number_prefix,
)
from laissez.casework.states import CaseState as S
from laissez.documents.mrz import parse
from laissez.storage.models import AuditEvent, OutboxEntry, TravelDocument
from tests.support.world import World, install_numbers


@pytest.fixture
def bare(isolated_dirs: Path) -> Iterator[World]:
    """A world whose device holds no document number yet."""
    world = World(isolated_dirs / "bare", numbers=0)
    try:
        yield world
    finally:
        world.close()


def _counts(world: World) -> tuple[int, int]:
    with world.admin.session() as s:
        docs = s.scalar(select(func.count()).select_from(TravelDocument)) or 0
        outbox = s.scalar(select(func.count()).select_from(OutboxEntry)) or 0
        return int(docs), int(outbox)


def test_numbers_come_from_the_range_then_run_out_before_anything_is_written(bare: World) -> None:
    install_numbers(bare.admin, 500, 501)
    cases = [bare.new_case(S.APPROVED) for _ in range(3)]
    first = bare["olga"].decisions.issue_document(cases[0])
    second = bare["olga"].decisions.issue_document(cases[1])
    assert (first.document_number, second.document_number) == ("DAC000500", "DAC000501")
    # the printed MRZ carries exactly that number, with a valid check digit
    mrz = parse(list(first.mrz_lines))
    assert mrz.valid and mrz.fields.document_number == "DAC000500"
    before = _counts(bare)
    with pytest.raises(NoDocumentNumbersError) as info:
        bare["olga"].decisions.issue_document(cases[2])
    assert info.value.code == "casework.no_document_numbers"
    assert info.value.message == NO_NUMBERS_SENTENCE
    assert bare["olga"].state(cases[2]) == S.APPROVED
    assert _counts(bare) == before  # no document, no outbox entry
    with bare.admin.session() as s:
        refused = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "case.issue_refused")
        ).all()
        assert [e.details for e in refused] == [{"codes": ["no_document_numbers"]}]
    assert bare["olga"].numbers.numbers_left() == 0
    notice = bare["olga"].numbers.numbers_notice()
    assert notice is not None and notice.code == LOW_NUMBERS_CODE
    # numbers arrive (a pull, a bundle): the same case is issued with the next range's number
    install_numbers(bare.admin, 900, 900)
    assert bare["olga"].decisions.issue_document(cases[2]).document_number == "DAC000900"


def test_no_range_at_all_refuses_with_the_sentence(bare: World) -> None:
    case_id = bare.new_case(S.APPROVED)
    with pytest.raises(NoDocumentNumbersError, match="sync with headquarters"):
        bare["olga"].decisions.issue_document(case_id)


def test_a_rolled_back_issue_gives_its_number_back_a_voided_one_does_not(
    bare: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from laissez.casework import intake

    install_numbers(bare.admin, 7, 9)
    # a photograph stored before photographs were checked on the way in: the printer fails
    with monkeypatch.context() as patch:
        patch.setattr(intake, "_check_photo", lambda _photo: None)
        no_photo = bare.new_case(S.APPROVED, photo=b"\x89PNG not an image")
    with pytest.raises(PrintFailedError):
        bare["olga"].decisions.issue_document(no_photo)  # nothing committed, nothing printed
    assert bare["olga"].numbers.numbers_left() == 3
    case_id = bare.new_case(S.APPROVED)
    etd = bare["olga"].decisions.issue_document(case_id)
    assert etd.document_number == "DAC000007"  # the rolled-back number, never printed
    bare["olga"].consent.withdraw_consent(case_id)  # voids and revokes DAC000007
    assert bare["olga"].decisions.documents(case_id)[0][1:] == ("DAC000007", "voided")
    again = bare.new_case(S.APPROVED)
    assert bare["olga"].decisions.issue_document(again).document_number == "DAC000008"
    with bare.admin.session() as s:
        numbers = s.scalars(select(TravelDocument.document_number)).all()
    assert sorted(numbers) == ["DAC000007", "DAC000008"]


def test_a_warning_once_few_numbers_remain(bare: World) -> None:
    install_numbers(bare.admin, 1, LOW_NUMBERS_WARNING)
    assert bare["olga"].numbers.numbers_notice() is None
    bare["olga"].decisions.issue_document(
        bare.new_case(S.APPROVED)
    )  # still issues: a notice, no block
    notice = bare["olga"].numbers.numbers_notice()
    assert notice is not None and notice.code == LOW_NUMBERS_CODE
    assert f"only {LOW_NUMBERS_WARNING - 1} document number" in notice.sentence
    assert bare["oscar"].gate(bare.new_case(S.APPROVED)) == ()  # the gate itself is unchanged


def test_number_format_fits_the_td2_document_number_field() -> None:
    assert format_document_number("DAC", 1) == "DAC000001"
    assert format_document_number("DAC", 999_999) == "DAC999999"
    assert format_document_number("ET", 1_234_567) == "ET1234567"
    with pytest.raises(NoDocumentNumbersError, match="does not fit"):
        format_document_number("DAC", 1_000_000)
    assert number_prefix("d-ac london") == "DAC"
    assert number_prefix(None) == "ETD"
    assert number_prefix("--") == "ETD"
    assert all(len(format_document_number(number_prefix(c), 42)) == 9 for c in ("X", "AB", "ABC"))


def test_loading_numbers_is_for_administrators_and_a_bad_bundle_loads_nothing(
    world: World, tmp_path: Path
) -> None:
    bad = tmp_path / "reply.laissez"
    bad.write_bytes(b"not a bundle")
    with pytest.raises(RoleRequiredError):
        world["oscar"].numbers.load_numbers(bad)
    left = world["oscar"].numbers.numbers_left()
    with pytest.raises(NumberBundleError) as info:
        world.admin_casework().numbers.load_numbers(bad)  # not enrolled: no keys to open it
    assert info.value.code == "casework.number_bundle"
    assert world["oscar"].numbers.numbers_left() == left
    with pytest.raises(NumberBundleError):
        world.admin_casework().numbers.load_numbers(tmp_path / "missing.laissez")
