"""``laissez-hq``: run the headquarters service.

The sync API itself arrives with the headquarters issue; today the service answers a health
check so deployments can be wired and monitored.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Start the service with uvicorn."""
    parser = argparse.ArgumentParser(prog="laissez-hq", description="Laissez headquarters service")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8400)
    args = parser.parse_args(argv)
    import uvicorn

    from laissez.hq.app import create_app

    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="info")
    return 0
