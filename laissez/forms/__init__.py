"""Interview forms, rights-advisal texts and consent scopes: versioned, translated data.

Public API::

    from laissez.forms import default_library, validate
    lib = default_library()
    form = lib.form("fear_of_return")          # newest version, hash-checked
    issues = validate(form, answers)           # () when complete and valid
    text = lib.advisal("ar")                   # AdvisalText with content_hash and review mark
    scopes = lib.consent_scopes()              # return, travel_document, data_sharing.<recipient>

Data files live in ``laissez/forms/data`` and are checked against the JSON Schemas in
``data/schema``; published versions are immutable (``published.json`` holds their hashes).
"""

from laissez.forms.advisal import REQUIRED_POINTS, AdvisalPoint, AdvisalText, Review
from laissez.forms.consent import ConsentKind, ConsentScope, ConsentScopeSet
from laissez.forms.errors import (
    DefinitionError,
    FormsError,
    IncompleteAdvisalError,
    PublishedContentChangedError,
    UnknownDefinitionError,
    UnpublishedDefinitionError,
)
from laissez.forms.library import Library, content_hash, default_library
from laissez.forms.schema import Field, FieldType, Form, Text
from laissez.forms.trust import Publication
from laissez.forms.validation import FieldIssue, PartialDate, shown_fields, validate

__all__ = [
    "REQUIRED_POINTS",
    "AdvisalPoint",
    "AdvisalText",
    "ConsentKind",
    "ConsentScope",
    "ConsentScopeSet",
    "DefinitionError",
    "Field",
    "FieldIssue",
    "FieldType",
    "Form",
    "FormsError",
    "IncompleteAdvisalError",
    "Library",
    "PartialDate",
    "Publication",
    "PublishedContentChangedError",
    "Review",
    "Text",
    "UnknownDefinitionError",
    "UnpublishedDefinitionError",
    "content_hash",
    "default_library",
    "shown_fields",
    "validate",
]
