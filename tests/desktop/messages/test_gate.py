"""The gate's translatable sentences stay in step with casework's codes and English words."""

from __future__ import annotations

from laissez.casework.gate import GATE_CODES, GateIssue
from laissez.desktop.messages import GATE_SENTENCES, gate_sentence


def test_every_gate_code_has_the_same_sentence_marked_for_translation() -> None:
    assert GATE_SENTENCES == GATE_CODES


def test_an_unknown_gate_code_shows_casework_s_sentence() -> None:
    issue = GateIssue(code="zz.unknown", sentence="Raw English.")
    assert gate_sentence(issue) == "Raw English."
