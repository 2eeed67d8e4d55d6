"""Use cases and rules: the case lifecycle, the safeguard gate, ETD issuance, revocation.

No Qt and no SQL strings here; the desktop and the command line both call this package.

Documented Python API (the headless way to drive a case; ``laissez case --help`` wraps it)::

    from laissez.casework.service import Casework
    cw = Casework(db)              # acts as db.user, the person who unlocked the database
    case_id = cw.intake.open_case()
    cw.intake.record_identity(case_id, identity_answers, mrz_lines=[...], mrz_source="typed")
    cw.intake.record_interview(case_id, "fear_of_return", answers)  # ... every interview form
    cw.consent.deliver_advisal(case_id, language="bn", language_understood=True,
                               interpreter_needed=True, interpreter_used=True,
                               questions="none", legal_counsel_offered=True)
    cw.consent.record_data_sharing(case_id, "family_tracing", "declined")  # per recipient
    cw.consent.record_consent(case_id, "return", "granted")
    cw.consent.record_consent(case_id, "travel_document", "granted")
    Casework(supervisor_db).decisions.approve(case_id)         # four eyes
    etd = cw.decisions.issue_document(case_id)  # EtdData; etd.pdf: the sealed ETD (gate first)
    cw.gate(case_id)                                           # every unmet condition

The seal signer and printed documents (``cw.signing``, ``cw.prints``)::

    Casework(admin_db).signing.install_signer(key_pem, cert_pem, root_pem, password=b"...")
    pdf = cw.signing.reprint_document(etd.document_id, "printer_jam")  # same seal and MRZ
    cw.prints.record_print(etd.document_id, "Front desk printer")      # the print log
    cw.signing.verify_printed(pdf_or_image_bytes).verification.verdict # against the mission's
                                                               # certificates and revocations

``issue_document`` is the only caller of ``laissez.printing.issue_etd`` (a test scans the
package); with no signer installed it raises ``SignerMissingError`` and writes nothing.

Modules: ``states`` (the lifecycle), ``snapshot`` (frozen facts), ``gate`` (the pure gate and
its codes), ``facts`` (snapshot from the database), ``service`` (``Casework``, built from the
parts below), ``base`` (``CaseContext``, the plumbing every part shares, and the four-eyes
check), ``intake``/``consenting``/``decisions`` (the transitions: ``cw.intake``,
``cw.consent``, ``cw.decisions``), ``signing`` (``cw.signing``: the mission signer, reprints,
verification), ``numbers`` (``cw.numbers``), ``print_log`` (``cw.prints``), ``etd`` (data for
the printer), ``views`` (read models: the case list and case view, answers, advisal, approval,
prints, settings), ``accounts``, ``staff``, ``settings`` and ``sync`` (use cases of the
desktop beside the case), ``consent_rules``, ``errors``, ``cli`` and ``admin_cli``.
"""
