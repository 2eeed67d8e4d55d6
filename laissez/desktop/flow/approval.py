"""The approval step: the safeguard gate as a checklist, what is being approved, and the
decisions a second person takes on the spot (supervisor approval, nationality approval, and
the protection officer's referral outcome, voluntariness review and release of a hold)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QPushButton,
    QWidget,
)

from laissez.casework.accounts import Database
from laissez.casework.gate import REFERRAL_OUTCOMES, VOLUNTARINESS_OUTCOMES
from laissez.casework.service import Casework
from laissez.casework.views import approval as av
from laissez.casework.views.approval import ApprovalSummary
from laissez.casework.views.cases import CaseView
from laissez.desktop.flow.checklist import GateChecklist
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.flow.gate_actions import connect_checklist
from laissez.desktop.flow.second_person import Choice, SecondPersonDialog
from laissez.desktop.flow.step import CaseStep
from laissez.desktop.flow.steps import step_title
from laissez.desktop.messages import status_label
from laissez.i18n import N_, _, isolate

logger = logging.getLogger(__name__)

#: the protection officer's referral outcomes (codes: ``casework.gate.REFERRAL_OUTCOMES``)
REFERRAL_LABELS: dict[str, str] = {
    "no_protection_need": N_("No protection need found: the return may go ahead"),
    "fear_withdrawn_after_counselling": N_(
        "The person withdrew the fear after independent counselling"
    ),
    "asylum_claim_lodged": N_("An asylum claim was lodged: no travel document in this case"),
    "referred_to_protection_agency": N_(
        "Referred to a protection agency: no travel document in this case"
    ),
}
#: the voluntariness review (codes: ``casework.gate.VOLUNTARINESS_OUTCOMES``)
VOLUNTARINESS_LABELS: dict[str, str] = {
    "free_consent_confirmed": N_(
        "Consent is free (the person must then confirm their consent again)"
    ),
    "consent_not_free": N_("Consent is not free"),
}
#: why a protection hold is released: codes only (the audit log holds no free text)
HOLD_REASONS: dict[str, str] = {
    "voluntary_repatriation": N_("Voluntary repatriation confirmed"),
    "protection_status_not_confirmed": N_("The protection status was not confirmed"),
    "nationality_confirmed": N_("Nationality confirmed by the authorities"),
}
#: why a supervisor does not approve: codes only
REJECT_REASONS: dict[str, str] = {
    "identity_doubtful": N_("Doubts about identity or nationality"),
    "consent_doubtful": N_("Doubts about the person's consent"),
    "interview_insufficient": N_("The interview record is not sufficient"),
    "protection_concern": N_("A protection concern needs review first"),
}
APPROVED, REJECTED, RELEASE, NATIONALITY_OK = "approved", "rejected", "release", "approve"

#: decision kind -> (button text, who must sign in), in the order of the gate's codes
DECISION_BUTTONS: dict[str, tuple[str, str]] = {
    av.NATIONALITY: (
        N_("&Nationality approval…"),
        N_(
            "A supervisor who took no part in the interview approves the nationality "
            "established by interview."
        ),
    ),
    av.RELEASE_HOLD: (
        N_("Release the protection &hold…"),
        N_("A protection officer releases the hold on the case."),
    ),
    av.VOLUNTARINESS: (
        N_("&Voluntariness review…"),
        N_("A protection officer reviews whether the consent is free."),
    ),
    av.REFERRAL: (
        N_("Re&ferral outcome…"),
        N_("A protection officer records the outcome of the fear-of-return referral."),
    ),
    av.APPROVE: (
        N_("Supervisor &approval…"),
        N_("A supervisor who took no part in the interview approves issuing the document."),
    ),
}
DECISION_NAMES: dict[str, str] = {
    av.APPROVE: N_("Supervisor approval"),
    av.NATIONALITY: N_("Nationality approval"),
    av.REFERRAL: N_("Referral outcome"),
    av.VOLUNTARINESS: N_("Voluntariness review"),
    av.RELEASE_HOLD: N_("Protection hold released"),
}
OUTCOME_NAMES: dict[str, str] = {
    APPROVED: N_("approved"),
    REJECTED: N_("not approved"),
    **REFERRAL_LABELS,
    **VOLUNTARINESS_LABELS,
    **HOLD_REASONS,
    **REJECT_REASONS,
}
assert set(REFERRAL_LABELS) == REFERRAL_OUTCOMES
assert set(VOLUNTARINESS_LABELS) == VOLUNTARINESS_OUTCOMES


def _outcome(code: str | None) -> str:
    label = OUTCOME_NAMES.get(code or "")
    return _(label) if label else (code or "")


class ApprovalStep(CaseStep):
    """The gate as a checklist whose buttons go to the step that fixes each item, a summary
    of what is approved, and one button per decision the gate asks for; each decision is
    taken by a second person who signs in on the spot (``SecondPersonDialog``)."""

    step_id = "approval"

    def __init__(self, context: FlowContext) -> None:
        super().__init__(context)
        self.summary: ApprovalSummary | None = None
        #: decisions the signed-in user may not take themselves (said on the button's line)
        self.not_mine: set[str] = set()
        self.dialog: SecondPersonDialog | None = None
        self.gate_title = QLabel()
        self.gate = GateChecklist()
        self.gate.fix_requested.connect(self.context.go_to_step)
        connect_checklist(self, self.gate)

        self.summary_box = QGroupBox()
        self.summary_box.setObjectName("approval_summary")
        self.status_label = QLabel()
        self.status_label.setObjectName("approval_status")
        self.interviewers = QLabel()
        self.interviewers.setObjectName("approval_interviewers")
        self.interviewers.setWordWrap(True)
        self.decisions = QListWidget()
        self.decisions.setObjectName("approval_decisions")
        summary = QGridLayout(self.summary_box)
        summary.addWidget(self.status_label, 0, 0)
        summary.addWidget(self.interviewers, 1, 0)
        summary.addWidget(self.decisions, 2, 0)

        self.actions_box = QGroupBox()
        self.actions_box.setObjectName("approval_decisions_box")
        self.approved_label = QLabel()
        self.approved_label.setObjectName("approval_done")
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("approval_waiting")
        self.waiting_label.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        self.explanations: dict[str, QLabel] = {}
        actions = QGridLayout(self.actions_box)
        actions.addWidget(self.approved_label, 0, 0, 1, 2)
        for row, kind in enumerate(DECISION_BUTTONS, start=1):
            button = QPushButton()
            button.setObjectName(f"decide_{kind}")
            button.clicked.connect(lambda _c=False, k=kind: self.ask(k))
            explanation = QLabel()
            explanation.setWordWrap(True)
            actions.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            actions.addWidget(explanation, row, 1)
            self.buttons[kind] = button
            self.explanations[kind] = explanation
        actions.addWidget(self.waiting_label, len(DECISION_BUTTONS) + 1, 0, 1, 2)
        actions.setColumnStretch(1, 1)

        self.body.addWidget(self.gate_title)
        self.body.addWidget(self.gate, 1)
        self.body.addWidget(self.actions_box)
        self.body.addWidget(self.summary_box, 1)
        self._show_summary()
        self.retranslate()

    # --- texts ----------------------------------------------------------------------------------

    def title(self) -> str:
        return step_title("approval")

    def retranslate(self) -> None:
        self.gate_title.setText("<h3>{}</h3>".format(_("Before a travel document can be issued")))
        self.summary_box.setTitle(_("What is approved"))
        self.actions_box.setTitle(_("Decisions by a second person"))
        self.decisions.setAccessibleName(_("Decisions recorded"))
        for kind, (text, explanation) in DECISION_BUTTONS.items():
            self.buttons[kind].setText(_(text))
            self.buttons[kind].setAccessibleName(_(text).replace("&", "").rstrip("…"))
            self.buttons[kind].setAccessibleDescription(_(explanation))
            self.explanations[kind].setText(_(explanation))
        self.gate.retranslate()
        self._show_summary()

    # --- the case -------------------------------------------------------------------------------

    def load(self, case: CaseView) -> None:
        super().load(case)
        self.gate.show_issues(case.gate, case.flags, case.freshness_days, case.linked, case.matches)
        self.summary = self.read(av.approval_summary, case)
        self.not_mine = set()
        for kind in self.summary.needed if self.summary is not None else ():
            try:
                av.check_may_decide(self.context.database(), case.case_id, kind)
            except Exception:
                self.not_mine.add(kind)
        self._show_summary()
        self._tab_order()

    def _tab_order(self) -> None:
        """The checklist's buttons (rebuilt on every load), then the decisions, then the list."""
        chain: list[QWidget] = list(self.gate.buttons.values())
        chain += [self.buttons[k] for k in DECISION_BUTTONS if not self.buttons[k].isHidden()]
        chain.append(self.decisions)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _show_summary(self) -> None:
        s = self.summary
        self.decisions.clear()
        if s is None:
            self.status_label.clear()
            self.interviewers.clear()
            self.approved_label.hide()
            self.waiting_label.hide()
            for kind in DECISION_BUTTONS:
                self.buttons[kind].hide()
                self.explanations[kind].hide()
            return
        self.status_label.setText(_("Status: {status}").format(status=status_label(s.status)))
        names = _(", ").join(isolate(n) for n in s.interviewers) or "—"
        self.interviewers.setText(
            _("Interviewed and recorded by: {names}. They may not approve this case.").format(
                names=names
            )
        )
        for d in s.decisions:
            when = d.decided_at.strftime("%Y-%m-%d %H:%M UTC") if d.decided_at else ""
            text = _("{decision}: {outcome} — {name}, {when}").format(
                decision=_(DECISION_NAMES[d.kind]),
                outcome=_outcome(d.outcome),
                name=isolate(d.by),
                when="\u2066" + when + "\u2069",
            )
            if d.reason_code:
                text += f" ({_outcome(d.reason_code)})"
            self.decisions.addItem(text)
        if not s.decisions:
            self.decisions.addItem(_("No decision recorded yet."))
        self.approved_label.setText(
            _("✓ A supervisor approved issuing the document.") if s.approved else ""
        )
        self.approved_label.setVisible(s.approved)
        for kind, (_text, explanation) in DECISION_BUTTONS.items():
            needed = kind in s.needed
            self.buttons[kind].setVisible(needed)
            self.explanations[kind].setVisible(needed)
            text = _(explanation)
            if kind in self.not_mine:
                text += " " + _(
                    "You may not take this decision yourself: the person who may signs in "
                    "here with their own user name and passphrase."
                )
            self.explanations[kind].setText(text)
            self.buttons[kind].setAccessibleDescription(text)
        approve = self.buttons[av.APPROVE]
        approve.setEnabled(s.ready_for_approval)
        waiting = av.APPROVE in s.needed and not s.ready_for_approval
        self.waiting_label.setText(
            _(
                "A supervisor can approve once every other condition in the list is met and "
                "consent is recorded."
            )
            if waiting
            else ""
        )
        self.waiting_label.setVisible(waiting)
        nothing = not s.needed and not s.approved
        if nothing:
            self.approved_label.setText(_("No decision is needed now."))
            self.approved_label.show()

    def clear(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()  # closes the second person's database handle
        super().clear()
        self.gate.clear()
        self.summary = None
        self._show_summary()

    def done(self) -> bool:
        return self.case is not None and self.case.status in (
            "approved",
            "document_issued",
            "closed",
        )

    def focus_issue(self, code: str) -> None:
        kind = av.DECISION_FOR_CODE.get(code)
        button = self.buttons.get(kind or "")
        if button is not None and button.isVisible() and button.isEnabled():
            button.setFocus()
            return
        fix = self.gate.buttons.get(code)
        (fix or self.gate).setFocus()

    # --- decisions ------------------------------------------------------------------------------

    def _dialog_for(self, kind: str) -> SecondPersonDialog:
        data_dir = self.context.session.data_dir
        explanation = _(DECISION_BUTTONS[kind][1])
        title = _(DECISION_NAMES[kind])
        case_id = self.case.case_id if self.case is not None else None

        def check(db: Database) -> None:
            if case_id is not None:
                av.check_may_decide(db, case_id, kind)

        reasons: dict[str, str] | None = None
        comment = False
        choices: tuple[Choice, ...]
        if kind == av.APPROVE:
            choices = (
                Choice(APPROVED, N_("&Approve issuing the travel document")),
                Choice(REJECTED, N_("Do &not approve"), needs_reason=True),
            )
            reasons, comment = REJECT_REASONS, True
        elif kind == av.NATIONALITY:
            choices = (Choice(NATIONALITY_OK, N_("&Approve the nationality")),)
        elif kind == av.REFERRAL:
            choices = tuple(Choice(c, label) for c, label in REFERRAL_LABELS.items())
        elif kind == av.VOLUNTARINESS:
            choices = tuple(Choice(c, label) for c, label in VOLUNTARINESS_LABELS.items())
        else:
            choices = (Choice(RELEASE, N_("&Release the hold"), needs_reason=True),)
            reasons = HOLD_REASONS
        return SecondPersonDialog(
            data_dir,
            title=title,
            explanation=explanation,
            choices=choices,
            reasons=reasons,
            comment=comment,
            check=check,
            parent=self,
        )

    def ask(self, kind: str) -> SecondPersonDialog | None:
        """Open the sign-in-on-the-spot dialog for decision ``kind`` (returns it; the dialog
        is window-modal and does not block)."""
        if self.case is None:
            return None
        if self.dialog is not None:
            self.dialog.reject()
        dialog = self._dialog_for(kind)
        dialog.decided.connect(
            lambda code, reason, comment, k=kind, d=dialog: self._record(
                d, k, code, reason, comment
            )
        )
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: SecondPersonDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _record(
        self, dialog: SecondPersonDialog, kind: str, code: str, reason: str, comment: str
    ) -> None:
        """Record the decision through casework acting as the person who signed in, then
        close their database handle at once."""
        if self.case is None:
            dialog.reject()
            return
        case_id = self.case.case_id
        cw = Casework(dialog.database())
        action: Callable[[], object]
        done_text: str
        if kind == av.APPROVE and code == APPROVED:
            action = lambda: cw.decisions.approve(case_id, comment or None)  # noqa: E731
            done_text = _("Approved. The travel document can now be issued.")
        elif kind == av.APPROVE:
            action = lambda: cw.decisions.reject_approval(case_id, reason, comment or None)  # noqa: E731
            done_text = _("Not approved. The reason is recorded in the case.")
        elif kind == av.NATIONALITY:
            action = lambda: cw.intake.approve_nationality(case_id)  # noqa: E731
            done_text = _("The nationality is approved.")
        elif kind == av.REFERRAL:
            action = lambda: cw.decisions.record_referral_outcome(case_id, code)  # noqa: E731
            done_text = _("The referral outcome is recorded.")
        elif kind == av.VOLUNTARINESS:
            action = lambda: cw.decisions.record_voluntariness_review(case_id, code)  # noqa: E731
            done_text = _("The voluntariness review is recorded.")
        else:
            action = lambda: cw.decisions.release_protection_hold(case_id, reason)  # noqa: E731
            done_text = _("The protection hold is released.")
        try:
            ok = self.context.attempt(self, lambda: action() or True)
        finally:
            dialog.finish()  # the second person's handle is closed here
        if ok:
            self.show_message(done_text)
