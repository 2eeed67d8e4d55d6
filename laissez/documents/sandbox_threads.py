"""Imported first by the sandbox's fork servers (and run again in each child): one thread for
the numeric libraries, set before numpy, scipy and tesseract load them.

OpenBLAS (numpy and scipy each bring one) and OpenMP read these variables once, when they load;
each thread they start reserves a buffer of address space, counted against every boxed child's
memory cap (``RLIMIT_AS``): about 80 MB on a 2-core machine. A boxed read is single-threaded.
"""

from __future__ import annotations

import os

VARIABLES = ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def one_thread() -> None:
    """Ask the numeric libraries loaded from now on for one thread each."""
    for variable in VARIABLES:
        os.environ[variable] = "1"


one_thread()
