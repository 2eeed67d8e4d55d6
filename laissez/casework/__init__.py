"""Use cases and rules: the case lifecycle, the safeguard gate, ETD issuance, revocation.

No Qt and no SQL strings here; the desktop and the command line both call this package.
"""
