"""The consent step: every scope asked and recorded on its own (return, the travel document,
and data sharing with each recipient), each decision signed on the pad, or declined to sign
with a reason; the guardian for a child. Recorded through ``Casework.consent.record_consent``
and ``Casework.consent.record_data_sharing``."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from laissez import i18n
from laissez.casework.consent_rules import GUARDIAN_RELATIONSHIPS, check_child_consent
from laissez.casework.views.advisal import AdvisalConsentView, advisal_consent_view
from laissez.casework.views.cases import CaseView
from laissez.desktop import theme
from laissez.desktop.flow.consent_cards import ScopeCard, decision_summary, scope_key
from laissez.desktop.flow.consent_signature import SignatureChoice
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.flow.step import LazyCaseStep
from laissez.desktop.flow.steps import step_for_code, step_title
from laissez.desktop.messages import gate_sentence
from laissez.forms import ConsentScopeSet, Library, default_library
from laissez.forms.consent import ConsentKind, ConsentScope
from laissez.i18n import N_, _, ltr

logger = logging.getLogger(__name__)

RELATIONSHIP_LABELS: dict[str, str] = {
    "parent": N_("Parent"),
    "legal_guardian": N_("Legal guardian"),
    "appointed_guardian": N_("Guardian appointed for the procedure"),
    "relative": N_("Other relative"),
    "child_protection_officer": N_("Child-protection officer"),
}


class ConsentStep(LazyCaseStep):
    """Ask for each consent separately and record each decision with its signature."""

    step_id = "consent"

    @property
    def library(self) -> Library:
        """The texts this mission may use: those packaged and those headquarters published and
        signed (before sign-in, the packaged ones)."""
        try:
            return self.context.casework().library
        except RuntimeError:  # no one signed in yet
            return default_library()

    @property
    def scopes(self) -> ConsentScopeSet:
        """The consent scopes in use (the newest published version)."""
        return self.library.consent_scopes()

    def __init__(self, context: FlowContext) -> None:
        super().__init__(context)
        self.view: AdvisalConsentView | None = None

    def _build(self) -> None:
        self.heading = QLabel()
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        self.before_advisal = QWidget()
        self.before_advisal.setObjectName("consent_before_advisal")
        self.before_text = QLabel()
        self.before_text.setWordWrap(True)
        self.before_text.setStyleSheet(theme.NOTICE_BOX)
        self.go_to_advisal = QPushButton()
        self.go_to_advisal.setObjectName("consent_go_to_advisal")
        self.go_to_advisal.clicked.connect(lambda: self.context.go_to_step.emit("advisal", ""))
        before = QHBoxLayout(self.before_advisal)
        before.setContentsMargins(0, 0, 0, 0)
        before.addWidget(self.before_text, 1)
        before.addWidget(self.go_to_advisal)

        # --- the signature, for the next decision recorded
        self.signature = SignatureChoice()

        # --- a child: the guardian
        self.child_box = QGroupBox()
        self.child_box.setObjectName("consent_child_box")
        self.guardian_name = QLineEdit()
        self.guardian_name.setObjectName("consent_guardian_name")
        self.guardian_relationship = QComboBox()
        self.guardian_relationship.setObjectName("consent_guardian_relationship")
        for code in GUARDIAN_RELATIONSHIPS:
            self.guardian_relationship.addItem(code, code)
        self.guardian_relationship.setCurrentIndex(-1)
        self.best_interests = QPlainTextEdit()
        self.best_interests.setObjectName("consent_best_interests")
        self.best_interests.setTabChangesFocus(True)
        self.best_interests.setMaximumHeight(80)
        self.child_note = QLabel()
        self.child_note.setWordWrap(True)
        self.guardian_name_label = QLabel()
        self.guardian_name_label.setBuddy(self.guardian_name)
        self.relationship_label = QLabel()
        self.relationship_label.setBuddy(self.guardian_relationship)
        self.best_interests_label = QLabel()
        self.best_interests_label.setBuddy(self.best_interests)
        child = QFormLayout(self.child_box)
        child.addRow(self.child_note)
        child.addRow(self.guardian_name_label, self.guardian_name)
        child.addRow(self.relationship_label, self.guardian_relationship)
        child.addRow(self.best_interests_label, self.best_interests)
        self.child_box.hide()

        # --- the scopes, each on its own
        self.cards: dict[str, ScopeCard] = {}
        scopes_widget = QWidget()
        scopes_layout = QVBoxLayout(scopes_widget)
        scopes_layout.setContentsMargins(0, 0, 0, 0)
        self.required_title = QLabel()
        self.sharing_title = QLabel()
        scopes_layout.addWidget(self.required_title)
        for scope in self.scopes.required:
            self._add_card(scope, scopes_layout)
        scopes_layout.addWidget(self.sharing_title)
        for scope in self.scopes.data_sharing:
            self._add_card(scope, scopes_layout)

        self.recorded_title = QLabel()
        self.recorded = QListWidget()
        self.recorded.setObjectName("consent_recorded_list")
        self.recorded.setMinimumHeight(90)
        self.recorded.setMaximumHeight(220)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.child_box)
        inner.addWidget(scopes_widget)
        inner.addWidget(self.recorded_title)
        inner.addWidget(self.recorded)
        inner.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(content)
        # the signature stays in view next to whichever scope is being recorded
        side = QVBoxLayout()
        side.addWidget(self.signature)
        side.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(self.scroll_area, 3)
        columns.addLayout(side, 2)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.intro)
        self.body.addWidget(self.before_advisal)
        self.body.addLayout(columns, 1)
        self.retranslate()

    def _add_card(self, scope: ConsentScope, layout: QVBoxLayout) -> None:
        card = ScopeCard(scope)
        card.record_button.clicked.connect(lambda _=False, k=card.key: self.record(k))
        self.cards[card.key] = card
        layout.addWidget(card)

    # --- texts ----------------------------------------------------------------------------------

    def title(self) -> str:
        return step_title("consent")

    def retranslate(self) -> None:
        if not self._built:
            return
        self.heading.setText("<h3>{}</h3>".format(_("Consent, scope by scope")))
        self.intro.setText(
            _(
                "Read each scope to the person in their language and record each decision on "
                "its own. Nothing is chosen for them. Each decision is signed separately."
            )
        )
        self.before_text.setText(
            _("No rights advisal has been delivered yet: consent cannot be asked for.")
        )
        self.go_to_advisal.setText(_("Go to the &rights advisal"))
        self.signature.retranslate()
        self.child_box.setTitle(_("A child: the guardian takes part"))
        self.child_note.setText(
            _(
                "The person is, or may be, under 18. Consent to return and to the document "
                "needs the guardian and a best-interests record."
            )
        )
        self.guardian_name_label.setText(_("Guardian's &name:"))
        self.guardian_name.setAccessibleName(_("Guardian's name"))
        self.relationship_label.setText(_("Re&lationship to the child:"))
        self.guardian_relationship.setAccessibleName(_("Relationship to the child"))
        self.guardian_relationship.setPlaceholderText(_("Choose the relationship"))
        for i in range(self.guardian_relationship.count()):
            code = self.guardian_relationship.itemData(i)
            self.guardian_relationship.setItemText(i, _(RELATIONSHIP_LABELS[code]))
        self.best_interests_label.setText(_("&Best-interests record:"))
        self.best_interests.setAccessibleName(_("Best-interests record"))
        self.required_title.setText("<h4>{}</h4>".format(_("Needed for the travel document")))
        self.sharing_title.setText(
            "<h4>{}</h4>".format(_("Data sharing: optional, one recipient at a time"))
        )
        self.recorded_title.setText("<h4>{}</h4>".format(_("Decisions recorded")))
        self.recorded.setAccessibleName(_("Decisions recorded"))
        self._show_cards()
        self._show_recorded()

    def _person_language(self) -> str:
        if self.view is not None and self.view.advisal is not None:
            return self.view.advisal.language
        if self.view is not None and self.view.interview_language:
            return self.view.interview_language
        return i18n.current().language

    def _show_cards(self) -> None:
        person, ui = self._person_language(), i18n.current().language
        for card in self.cards.values():
            card.show_texts(person, ui)
            card.show_recorded(self.view.latest(card.key) if self.view is not None else None)

    def _show_recorded(self) -> None:
        self.recorded.clear()
        if self.view is None:
            return
        labels = {scope_key(s): s.label.get(i18n.current().language) for s in self.scopes.scopes}
        rows = sorted(self.view.consents, key=lambda c: c.decided_at, reverse=True)
        if not rows:
            self.recorded.addItem(_("No decision recorded yet."))
        for row in rows:
            text = f"{labels.get(row.key, ltr(row.key))}: {decision_summary(row)}"
            if not row.current:
                text += " — " + _("before the latest advisal: ask again")
            self.recorded.addItem(text)

    # --- the case -------------------------------------------------------------------------------

    def load(self, case: CaseView) -> None:
        previous = self.case.case_id if self.case is not None else None
        super().load(case)
        self.view = self.read(advisal_consent_view, case)
        self._ensure_built()
        if previous != case.case_id:
            self._reset_inputs(guardian=True)
            self.scroll_area.verticalScrollBar().setValue(0)
        view = self.view
        self.before_advisal.setVisible(view is not None and not view.advised)
        self.child_box.setVisible(view is not None and view.is_minor)
        interpreter = (
            view is not None and view.advisal is not None and view.advisal.interpreter_used
        )
        self.signature.interpreter_signed.setVisible(interpreter)
        self._show_cards()
        self._show_recorded()

    def clear(self) -> None:
        super().clear()
        self.view = None
        if not self._built:
            return
        self._reset_inputs(guardian=True)
        self.child_box.hide()
        self.before_advisal.hide()
        self.recorded.clear()
        for card in self.cards.values():
            card.reset()
            card.status.clear()

    def _reset_inputs(self, *, guardian: bool = False) -> None:
        self.signature.reset()
        if guardian:
            self.guardian_name.clear()
            self.guardian_relationship.setCurrentIndex(-1)
            self.best_interests.clear()

    # --- recording ------------------------------------------------------------------------------

    def record(self, key: str) -> None:
        """Record the decision chosen on the card ``key`` with the signature on the pad."""
        card = self.cards.get(key)
        if card is None or self.context.case_id is None:
            return
        decision = card.decision()
        if decision is None:
            self.show_message(
                _("Choose whether the person grants or declines \u201c{scope}\u201d first.").format(
                    scope=card.title()
                ),
                error=True,
            )
            card.granted.setFocus()
            return
        case_id, signed = self.context.case_id, self.signature.arguments()
        cw = self.context.casework()
        if card.scope.kind is ConsentKind.DATA_SHARING:
            recipient = str(card.scope.recipient)

            def action() -> object:
                return cw.consent.record_data_sharing(case_id, recipient, decision, **signed)  # type: ignore[arg-type]
        else:
            is_minor = self.view is not None and self.view.is_minor
            guardian = {
                "guardian_name": self.guardian_name.text().strip() or None,
                "guardian_relationship": self.guardian_relationship.currentData(),
                "best_interests_record": self.best_interests.toPlainText().strip() or None,
            }

            def action() -> object:
                if is_minor:
                    check_child_consent(True, **guardian)
                extra = guardian if is_minor else {}
                record = cw.consent.record_consent
                return record(case_id, card.scope.code, decision, **extra, **signed)  # type: ignore[arg-type]

        if self.context.attempt(self, action) is None:
            self.signature.focus_missing()
            return
        card.reset()
        self._reset_inputs()
        self.show_message(self._recorded_sentence(card, decision))

    def _recorded_sentence(self, card: ScopeCard, decision: str) -> str:
        what = _("granted") if decision == "granted" else _("declined")
        sentence = _("Recorded: {scope} \u2014 {decision}.").format(
            scope=card.title(), decision=what
        )
        if card.scope.kind is ConsentKind.DATA_SHARING and decision == "declined":
            sentence += " " + _("This does not affect the travel document.")
        if self.case is not None and self.case.status == "consent_recorded":
            sentence += " " + _("Both consents are recorded: the case can go to approval.")
        elif decision == "declined" and card.scope.kind is not ConsentKind.DATA_SHARING:
            sentence += " " + _("No travel document can be issued while this stands.")
        return sentence

    # --- flow -----------------------------------------------------------------------------------

    def done(self) -> bool:
        if self.case is None or self.view is None or not self.view.advised:
            return False
        return not any(
            i.code.startswith(("consent.", "child.")) and step_for_code(i.code) == self.step_id
            for i in self.case.gate
        )

    def focus_issue(self, code: str) -> None:
        self._ensure_built()
        target: QWidget | None = None
        if code.startswith("child."):
            self.child_box.show()
            target = (
                self.best_interests
                if code.endswith("best_interests_missing")
                else (self.guardian_name)
            )
        elif code == "consent.document_missing":
            target = self.cards["travel_document"].granted
        elif code in ("consent.data_sharing_undecided", "consent.sharing_terms_changed"):
            for card in self.cards.values():
                undecided = self.view is None or self.view.latest(card.key) is None
                if card.scope.kind is ConsentKind.DATA_SHARING and undecided:
                    target = card.granted
                    break
        if target is None:
            target = self.cards["return"].granted if "return" in self.cards else self.signature.pad
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_area.ensureWidgetVisible(target)
        issue = next((i for i in (self.case.gate if self.case else ()) if i.code == code), None)
        if issue is not None:
            self.show_message(gate_sentence(issue), error=True)
