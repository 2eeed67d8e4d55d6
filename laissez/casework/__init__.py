"""Use cases and rules: the case lifecycle, the safeguard gate, ETD issuance, revocation.

No Qt and no SQL strings here; the desktop and the command line both call this package.

Documented Python API (the headless way to drive a case; ``laissez case --help`` wraps it)::

    from laissez.casework.service import Casework
    cw = Casework(db)              # acts as db.user, the person who unlocked the database
    case_id = cw.open_case()
    cw.record_identity(case_id, identity_answers, mrz_lines=[...])
    cw.record_interview(case_id, "fear_of_return", answers)     # ... every interview form
    cw.deliver_advisal(case_id, language="bn", language_understood=True,
                       interpreter_needed=True, interpreter_used=True,
                       questions="none", legal_counsel_offered=True)
    cw.record_data_sharing(case_id, "family_tracing", "declined")  # one per recipient
    cw.record_consent(case_id, "return", "granted")
    cw.record_consent(case_id, "travel_document", "granted")
    Casework(supervisor_db).approve(case_id)                   # four eyes
    etd = cw.issue_document(case_id)      # EtdData; etd.pdf is the sealed ETD (gate first)
    cw.gate(case_id)                                           # every unmet condition

The seal signer and printed documents (``signing``)::

    Casework(admin_db).install_signer(key_pem, cert_pem, root_pem, password=b"...")
    pdf = cw.reprint_document(etd.document_id, "printer_jam")  # same seal and MRZ, audited
    cw.verify_printed(pdf_or_image_bytes).verification.verdict # against the mission's own
                                                               # certificates and revocations

``issue_document`` is the only caller of ``laissez.printing.issue_etd`` (a test scans the
package); with no signer installed it raises ``SignerMissingError`` and writes nothing.

Modules: ``states`` (the lifecycle), ``snapshot`` (frozen facts), ``gate`` (the pure gate and
its codes), ``facts`` (snapshot from the database), ``intake``/``consenting``/``decisions``
(the transitions, combined in ``service.Casework``), ``signing`` (the mission signer,
reprints, verification), ``etd`` (data for the printer), ``views`` (read models: the case
list and case view, answers, advisal, approval, prints, settings), ``accounts``, ``staff``,
``settings`` and ``sync`` (use cases of the desktop beside the case), ``consent_rules``,
``errors``, ``cli`` and ``admin_cli``.
"""
