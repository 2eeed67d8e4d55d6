"""The guided case flow: one page per lifecycle step, reached from the case list.

``page.CaseFlowPage`` holds a header (case, name, status, withdraw consent), a list of steps
and a stack of ``step.CaseStep`` pages. Every step reads through ``casework.views`` and
changes the case only through ``FlowContext.attempt`` (a call into ``casework``), so no
business rule lives in the interface. ``steps.STEP_FOR_CODE`` sends each unmet gate condition
to the step where it is fixed.
"""
