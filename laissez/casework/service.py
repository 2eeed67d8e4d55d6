"""The case lifecycle on the encrypted database: one method per transition.

Each method checks who is acting (the user who unlocked the database) and the case's state,
then writes the change, an audit event (ids, states and codes only) and an outbox entry in ONE
transaction, or raises a ``CaseworkError`` and writes nothing. ``issue_document`` is the only
way into ``document_issued``, and it passes the safeguard gate inside the same transaction.

Typical use (see also ``laissez case --help``)::

    cw = Casework(db)                                  # db: laissez.storage.database.Database
    case_id = cw.open_case()
    cw.record_identity(case_id, identity_answers, mrz_lines=lines)
    for form_id, answers in interview.items():
        cw.record_interview(case_id, form_id, answers)
    cw.deliver_advisal(case_id, language="ar", ...)
    cw.record_consent(case_id, "return", "granted"); ...
    Casework(supervisor_db).approve(case_id)
    etd = cw.issue_document(case_id)                   # EtdData; etd.pdf: the sealed ETD
    pdf = cw.reprint_document(etd.document_id, "printer_jam")
    cw.verify_printed(pdf)                             # DocumentCheck (mission's trust state)
"""

from __future__ import annotations

from laissez.casework.base import CaseSummary, CaseworkBase
from laissez.casework.consenting import ConsentSteps
from laissez.casework.decisions import DecisionSteps
from laissez.casework.intake import IntakeSteps
from laissez.casework.numbers import NumberSteps
from laissez.casework.print_log import PrintLogSteps


class Casework(IntakeSteps, ConsentSteps, DecisionSteps, NumberSteps, PrintLogSteps):
    """Every transition of the case lifecycle, acting as the user who unlocked the database.

    See ``IntakeSteps``, ``ConsentSteps``, ``DecisionSteps``, ``SigningSteps`` (the seal
    signer, reprints, verification), ``NumberSteps`` (document numbers) and ``PrintLogSteps``
    (recording physical printing) for the steps, and
    ``CaseworkBase`` for reading (``state``, ``gate``, ``snapshot``, ``list_cases``).
    """


__all__ = ["CaseSummary", "Casework", "CaseworkBase"]
