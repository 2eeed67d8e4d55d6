"""The Settings dialog, one module per tab.

``dialog`` holds the tabs together; ``general`` (mission and interface language),
``retention``, ``printer``, ``idle``, ``headquarters`` (enrolment and document numbers) and
``users`` (with ``user_dialog``) are the tabs; ``common`` has the labels they share.
"""
