"""Decisions from before the upgrade (gate code ``decision.signed_before_upgrade``), cleared
from the checklist: their author signs them again ("Sign again", the signed-in user), or a
supervisor who took no part in the case approves it again ("Approve again…", signed in on
the spot). Every rule is in ``laissez.casework.legacy``."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from laissez.casework.service import Casework
from laissez.desktop.flow.context import FlowContext
from laissez.desktop.flow.second_person import Choice, SecondPersonDialog
from laissez.desktop.flow.step import CaseStep
from laissez.i18n import N_, _, ngettext

RESIGN, REAFFIRM = "resign", "reaffirm"
REAFFIRMED = "reaffirmed"


def sign_again(step: CaseStep, context: FlowContext) -> int | None:
    """The signed-in user signs their own decisions of the case from before the upgrade;
    shows what happened on ``step``; returns how many (None: refused, sentence shown)."""
    if step.case is None:
        return None
    case_id = step.case.case_id
    count = context.attempt(step, lambda: context.casework().legacy.resign(case_id))
    if count is None:
        return None
    if count:
        step.show_message(
            ngettext(
                "{count} of your decisions from before the upgrade is now signed.",
                "{count} of your decisions from before the upgrade are now signed.",
                count,
            ).format(count=count)
        )
    else:
        step.show_message(
            _(
                "None of this case's decisions from before the upgrade is yours. Their author "
                "signs them again, or a supervisor who took no part approves the case again."
            ),
            error=True,
        )
    return count


def approve_again(
    step: CaseStep, context: FlowContext, parent: QWidget
) -> SecondPersonDialog | None:
    """Open the sign-in-on-the-spot dialog in which a second supervisor approves the case
    again (window-modal; returns it)."""
    if step.case is None:
        return None
    case_id = step.case.case_id
    dialog = SecondPersonDialog(
        context.session.data_dir,
        title=_("Approve again"),
        explanation=_(
            "This case was approved before the upgrade, without a signature. A supervisor who "
            "took no part in the case looks at it again and approves it with their own "
            "signature; the old approval then no longer counts."
        ),
        choices=(Choice(REAFFIRMED, N_("&Approve issuing the travel document again")),),
        comment=True,
        parent=parent,
    )

    def record(_code: str, _reason: str, comment: str) -> None:
        cw = Casework(dialog.database())

        def reaffirm() -> bool:
            cw.legacy.reaffirm(case_id, comment or None)
            return True

        try:
            ok = context.attempt(step, reaffirm)
        finally:
            dialog.finish()  # the second person's handle is closed here
        if ok:
            step.show_message(_("Approved again. The travel document can now be issued."))

    dialog.decided.connect(record)
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog
