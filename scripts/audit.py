"""``make audit``: check the installed dependencies against known vulnerabilities, honestly.

1. ``pip-audit`` (PyPI's advisory service). Its plain output says "No known vulnerabilities
   found" even when it could not check a single package (no network); this script reads its
   JSON instead and counts what was really audited.
2. With no service reachable, an offline OSV database: a folder of OSV JSON files for the PyPI
   ecosystem (unzip https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip) named by
   ``$LAISSEZ_AUDIT_OSV_DIR``, matched here against the installed versions.
3. With neither, it says so and exits 3: "not audited" is never reported as "no known
   vulnerabilities".

Exit status: 0 every package audited, none vulnerable; 1 vulnerabilities found; 3 not audited
(or only partly). Known situation (issue 18): ``pdfminer==20191125`` (abandoned since 2019)
comes in through passporteye, which needs it only for PDF text, a path Laissez never uses (PDF
pages are rasterised with pypdfium2); ``pyzbar`` (last release 2022) wraps the maintained
system libzbar, and zxing-cpp already reads what it cannot.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

NOT_AUDITED = 3


def installed() -> dict[str, str]:
    """Canonical distribution name -> installed version (this project excluded)."""
    found = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name and canonicalize_name(name) != "laissez":
            found[canonicalize_name(name)] = dist.version
    return found


def pip_audit() -> tuple[int, int, list[tuple[str, str, str]]] | None:
    """(audited, total, vulnerabilities) from pip-audit, or None when it is not installed."""
    exe = shutil.which("pip-audit") or str(Path(sys.executable).with_name("pip-audit"))
    if not Path(exe).exists():
        return None
    run = subprocess.run(
        [exe, "--local", "--format", "json", "--progress-spinner", "off"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        return 0, len(installed()), []
    deps = [d for d in report.get("dependencies", []) if d.get("name") != "laissez"]
    audited = [d for d in deps if not d.get("skip_reason")]
    vulns = [(d["name"], d["version"], v["id"]) for d in audited for v in d.get("vulns", [])]
    return len(audited), len(deps), vulns


def _affected(entry: dict[str, Any], version: str) -> bool:
    if version in entry.get("versions", []):
        return True
    try:
        current = Version(version)
    except InvalidVersion:
        return False
    for span in entry.get("ranges", []):
        if span.get("type") != "ECOSYSTEM":
            continue
        inside = False
        for event in span.get("events", []):
            try:
                if "introduced" in event:
                    start = event["introduced"]
                    inside = start == "0" or current >= Version(start)
                elif "fixed" in event and current >= Version(event["fixed"]):
                    inside = False
                elif "last_affected" in event and current > Version(event["last_affected"]):
                    inside = False
            except InvalidVersion:
                continue
        if inside:
            return True
    return False


def offline_osv(folder: Path) -> list[tuple[str, str, str]]:
    """Vulnerabilities of the installed packages according to the OSV files in ``folder``."""
    versions = installed()
    found = []
    for path in folder.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        for entry in record.get("affected", []):
            package = entry.get("package", {})
            if package.get("ecosystem") != "PyPI":
                continue
            name = canonicalize_name(package.get("name", ""))
            if name in versions and _affected(entry, versions[name]):
                found.append((name, versions[name], record.get("id", path.stem)))
    return sorted(set(found))


def main() -> int:
    """Run the audit and print what was and was not checked."""
    total = len(installed())
    online = pip_audit()
    vulns: list[tuple[str, str, str]] = []
    if online is not None and online[0] == online[1] and online[1] > 0:
        print(f"pip-audit checked all {online[1]} installed packages against PyPI advisories.")
        vulns = online[2]
    else:
        checked = 0 if online is None else online[0]
        reason = "pip-audit is not installed" if online is None else (
            f"pip-audit could check {checked} of {online[1]} packages (no advisory service "
            "reachable)"
        )  # fmt: skip
        folder = os.environ.get("LAISSEZ_AUDIT_OSV_DIR")
        if not folder or not Path(folder).is_dir():
            print(f"NOT AUDITED: {reason}, and no offline OSV database was given "
                  "($LAISSEZ_AUDIT_OSV_DIR). This is not a clean bill of health.")  # fmt: skip
            return NOT_AUDITED
        files = len(list(Path(folder).glob("*.json")))
        print(f"{reason}; using the offline OSV database in {folder} ({files} advisories) "
              f"for all {total} installed packages; it is as current as its download.")  # fmt: skip
        vulns = offline_osv(Path(folder))
    for name, version, ident in vulns:
        print(f"VULNERABLE: {name} {version}: {ident}")
    if vulns:
        return 1
    print("No known vulnerabilities in the packages checked.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
