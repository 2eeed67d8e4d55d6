"""Register and sign the published form, advisal and consent versions packaged with Laissez.

    python -m laissez.forms.publish --key PACKAGING_KEY.pem

writes ``published.json`` (the content hash of every packaged file whose status is
``published``) and ``signatures.json`` (the release key's signature of each entry). Existing
hashes are never rewritten: a changed published file keeps failing to load until it gets a new
version number. The key (PKCS#8 PEM, unencrypted) stays with the maintainers, outside the
repository; its public half must be ``trust.PACKAGED_PUBLIC_KEY``. Missions receive every
other version from headquarters (``laissez-hq admin publish-form``), signed there.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from laissez.forms import trust
from laissez.forms.library import MANIFEST, Library


def main(argv: list[str] | None = None) -> int:
    """Write the manifest and signatures of the default library; prints how many entries."""
    parser = argparse.ArgumentParser(prog="python -m laissez.forms.publish")
    parser.add_argument("--key", type=Path, required=True, help="the packaging key (PEM)")
    args = parser.parse_args(argv)
    private = serialization.load_pem_private_key(args.key.read_bytes(), password=None)
    if not isinstance(private, Ed25519PrivateKey):
        print("the packaging key is not an Ed25519 key", file=sys.stderr)
        return 2
    if trust.public_text(private) != trust.PACKAGED_PUBLIC_KEY:
        print("this key is not the packaging key trust.PACKAGED_PUBLIC_KEY names", file=sys.stderr)
        return 2
    library = Library()
    manifest = library.compute_manifest()
    signatures = {key: trust.sign(private, key, digest) for key, digest in manifest.items()}
    for name, data in ((MANIFEST, manifest), (trust.SIGNATURES, signatures)):
        path = library.root / name
        path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(manifest)} published entries signed in {MANIFEST} and {trust.SIGNATURES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
