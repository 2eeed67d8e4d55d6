"""The officer's words: every sentence the interface builds from a code, in one package.

- ``errors``: any error -> a sentence, by the error's stable ``code`` (one table).
- ``mrz``: MRZ field names and the sentences for MRZ problems.
- ``gate``: the safeguard gate's unmet conditions.
- ``status``: the names of case states.
- ``sync``: sync and enrolment errors.
- ``forms``: validation issues under a form's fields.

Importers use ``from laissez.desktop.messages import <name>``; the modules are the layout.
"""

from __future__ import annotations

from laissez.desktop.messages.errors import (
    ERROR_SENTENCES,
    describe_error,
    describe_mrz_error,
    error_codes,
    passphrase_guessable,
    passphrase_rule,
)
from laissez.desktop.messages.forms import issue_sentence
from laissez.desktop.messages.gate import (
    GATE_SENTENCES,
    SUPPLY_ACTIONS,
    flag_sentence,
    gate_sentence,
    linked_sentence,
    match_sentence,
)
from laissez.desktop.messages.mrz import EXPECTED_LABELS, FIELD_LABELS, field_label
from laissez.desktop.messages.status import STATUS_LABELS, status_label
from laissez.desktop.messages.sync import describe_sync_error, describe_sync_failure

__all__ = [
    "ERROR_SENTENCES",
    "EXPECTED_LABELS",
    "FIELD_LABELS",
    "GATE_SENTENCES",
    "STATUS_LABELS",
    "SUPPLY_ACTIONS",
    "describe_error",
    "describe_mrz_error",
    "describe_sync_error",
    "describe_sync_failure",
    "error_codes",
    "field_label",
    "flag_sentence",
    "gate_sentence",
    "issue_sentence",
    "linked_sentence",
    "match_sentence",
    "passphrase_guessable",
    "passphrase_rule",
    "status_label",
]
