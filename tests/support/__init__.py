"""Helpers shared by the tests: the only part of ``tests`` a test module may import.

Fixtures that several test directories use are registered once in ``tests/conftest.py``
through ``pytest_plugins``; plain helpers (functions, constants, classes) are imported from
``tests.support.<module>``.
"""
