"""``python -m daisen_taiko``: the command line (see cli.py).

Python randomises string hashing per process unless PYTHONHASHSEED is set, and the Sphinx
builders inherit this process's: the command re-starts itself once with a fixed seed, so
that outputs never depend on it."""

import os
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(
        sys.executable, [sys.executable, "-m", "daisen_taiko", *sys.argv[1:]], dict(os.environ, PYTHONHASHSEED="0")
    )

import atexit  # noqa: E402

from daisen_taiko.engine.cli import main  # noqa: E402

status = main()
# Every output is written and closed when main() returns, and its threads and pools are shut
# down: the exit handlers run (logging, multiprocessing), the interpreter's own teardown, which
# freed the ~200 000 objects Sphinx, pandas and matplotlib leave one by one (~0.6 s after each
# build), is skipped.
atexit._run_exitfuncs()
sys.stdout.flush()
sys.stderr.flush()
os._exit(status)
