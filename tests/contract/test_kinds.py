"""Every kind the client can produce is handled at headquarters, and headquarters handles no
kind the client never sends.

What the client can produce is read from its source: the kinds ``laissez`` passes to
``outbox.enqueue`` (``kinds.X`` constants and ``kinds.kind("entity", "operation")`` calls)
and every case action written through ``CaseContext.log`` (its action names the change:
``case/<action>``), plus every action of the state machine.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from laissez.casework.states import TRANSITIONS
from laissez.hq import report
from laissez.protocol import kinds
from laissez.protocol.kinds import KINDS, Effect

ROOT = Path(__file__).resolve().parents[2] / "laissez"


def _client_kinds() -> set[str]:
    found: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if "hq" in path.parts or "protocol" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id == "kinds" and node.attr.isupper():
                    found.add(getattr(kinds, node.attr).name)
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            args = node.args
            literal = [a.value if isinstance(a, ast.Constant) else None for a in args]
            if node.func.attr == "kind" and len(args) == 2 and all(literal):
                found.add(f"{literal[0]}/{literal[1]}")
            # self.ctx.log(session, case, "<action>", ...) / self.log(...) in CaseContext
            is_ctx_log = node.func.attr == "log" and isinstance(node.func.value, ast.Attribute)
            if is_ctx_log and len(args) >= 3 and isinstance(literal[2], str):
                found.add(f"case/{literal[2]}")
    return found


CLIENT = _client_kinds()


def test_the_scan_finds_the_producers() -> None:
    assert {"case/open", "travel_document/issue", "revocation/revoke"} <= CLIENT
    assert {"case/deliver_advisal", "case/withdraw_consent", "case/close"} <= CLIENT


def test_every_kind_the_client_produces_is_defined_and_the_contract_has_no_unused_kind() -> None:
    every_action = {f"case/{action}" for action in TRANSITIONS}
    assert every_action <= KINDS.names(), "a case action without a change kind"
    assert CLIENT <= KINDS.names(), "the client produces a kind the contract does not define"
    assert KINDS.names() <= CLIENT, "the contract defines a kind the client never sends"


def test_headquarters_does_what_the_contract_says_with_every_kind() -> None:
    assert report.counted_kinds() == report.reported_by_contract()
    revocations = {k.name for k in KINDS if k.has(Effect.REVOCATION_LIST)}
    assert revocations == {"revocation/revoke"}
    for kind in KINDS:
        assert kind.effects <= set(Effect), kind.name
        assert kind.has(Effect.STORE), kind.name
        assert bool(kind.report) == kind.has(Effect.REPORT), kind.name


@pytest.mark.parametrize("kind", list(KINDS), ids=lambda k: k.name)
def test_every_report_column_a_kind_feeds_is_a_column_of_the_report(kind) -> None:
    columns = [*report.FIXED_COLUMNS, report.MEDIAN, *report.DYNAMIC_PREFIXES]
    for name in kind.report:
        assert any(c == name or c.startswith(name + "_") for c in columns), (kind.name, name)
