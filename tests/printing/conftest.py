"""Fixtures for printing tests: a test PKI, one issued specimen ETD, its 300 dpi raster."""

from __future__ import annotations

import datetime as dt

import pytest

from laissez.documents.seal import CertificateList, SignerKey, create_root, create_signer
from laissez.printing.etd import IssuedEtd, issue_etd
from laissez.printing.specimen import SPECIMEN_DAY, specimen_etd

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def pki() -> tuple[CertificateList, SignerKey]:
    """A headquarters root and one mission signer (P-256)."""
    root = create_root("Test Headquarters", "UT", now=NOW - dt.timedelta(days=30))
    signer = create_signer(root, "UTTS", mission="Lisbon", now=NOW)
    return CertificateList((root.certificate,), (signer.certificate,)), signer


@pytest.fixture(scope="session")
def issued(pki) -> IssuedEtd:
    """The specimen ETD, issued and sealed on the specimen day."""
    _, signer = pki
    data = specimen_etd(case_id="case-0001", consent_record_id="consent-0001", officer_id="OFF-9")
    return issue_etd(data, signer, today=SPECIMEN_DAY)


@pytest.fixture(scope="session")
def page(issued):
    """The issued ETD's page rendered at 300 dpi (greyscale PIL image)."""
    from laissez.printing.readback import load_pages

    return load_pages(issued.pdf, dpi=300)[0]
