"""The case list and the read-only case view."""
