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

from .cli import main  # noqa: E402

sys.exit(main())
