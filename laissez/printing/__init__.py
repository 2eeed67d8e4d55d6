"""Printed documents as PDF bytes (reportlab); pure, no database.

* :func:`laissez.printing.etd.issue_etd` (``EtdData`` + the mission's ``SignerKey``) builds the
  ``PU`` TD2 MRZ, signs the ICAO visible digital seal and lays out the single-sheet ETD;
  casework's issue transition is its only caller. ``render_etd`` reprints an issued one.
* :func:`laissez.printing.receipt.render_receipt` (``ReceiptData``): the person's receipt of the
  advisal and their decisions, in their language (Arabic and Urdu right to left, all shaped).
* :func:`laissez.printing.readback.verify_document`: read a printed ETD back and verify it
  (``laissez etd verify``).
"""
