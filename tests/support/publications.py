"""Definitions to publish at headquarters in tests: packaged versions under a new number."""

from __future__ import annotations

import itertools
from typing import Any

import yaml

from laissez.forms.library import DEFAULT_ROOT


def packaged(path: str) -> dict[str, Any]:
    """The parsed packaged definition at ``path`` (under ``laissez/forms/data``)."""
    data: dict[str, Any] = yaml.safe_load((DEFAULT_ROOT / path).read_text(encoding="utf-8"))
    return data


_next = itertools.count(3)


def fresh_version() -> str:
    """A version number above every one published before in this test session (headquarters'
    versions are global, so the newest is the one a test just published). Short: an audit
    detail never holds a run of four digits."""
    return str(next(_next))


def new_form_version(form_id: str = "family", **changes: Any) -> str:
    """A form's packaged version 2 as a new version (YAML text), with ``changes`` applied."""
    data = packaged(f"forms/{form_id}/2.yaml")
    data.update(version=fresh_version(), **changes)
    return yaml.safe_dump(data, allow_unicode=True)


def dump(data: dict[str, Any]) -> str:
    """``data`` as the YAML text headquarters publishes."""
    return yaml.safe_dump(data, allow_unicode=True)
