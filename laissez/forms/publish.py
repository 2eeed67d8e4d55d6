"""Register the hashes of published form, advisal and consent versions in ``published.json``.

Run ``python -m laissez.forms.publish`` after adding a new version whose status is
``published``. Existing hashes are never rewritten: a changed published file keeps failing to
load until it gets a new version number.
"""

from __future__ import annotations

import json
import sys

from laissez.forms.library import MANIFEST, Library


def main() -> int:
    """Write the manifest of the default library; prints how many entries it holds."""
    library = Library()
    manifest = library.compute_manifest()
    path = library.root / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(manifest)} published entries in {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
