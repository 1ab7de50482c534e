"""The kernel zygote: one process that has already imported what every page needs (IPython,
ipykernel, pandas, matplotlib with its Japanese font, the notebook API and the section
modules) and forks one fresh kernel per notebook on request.

Each notebook still runs alone in its own new process (its own namespace, its own IPython
shell, its own sockets); only the import work is shared, through the fork.  The zygote reads
one JSON request per line on stdin — connection file, working folder, environment, log file —
and answers with the new kernel's pid.
"""

from __future__ import annotations

import json
import os
import signal
import sys


def preload() -> None:
    """Import what every page imports: the notebook API and every section module."""
    import importlib
    import pkgutil

    os.environ.setdefault("MPLBACKEND", "Agg")
    import ipykernel.kernelapp  # noqa: F401
    import IPython  # noqa: F401

    from daisen_taiko.common import style
    from daisen_taiko.kernel import sections

    for module in pkgutil.iter_modules(sections.__path__):
        importlib.import_module(f"daisen_taiko.kernel.sections.{module.name}")
    style.apply_style()  # builds matplotlib's font list once


def child(request: dict) -> None:
    """In the forked process: become a kernel for ``request`` and never return."""
    try:
        os.setsid()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        fd = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=["-f", request["connection_file"]])
    finally:
        os._exit(0)


def reap(_signum=None, _frame=None) -> None:
    """Wait for the kernels that have exited.  Waiting (rather than ignoring SIGCHLD) adds
    their CPU time to this process's children, and so to the build's, where ``make bench``
    reads it."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def serve() -> None:
    preload()
    signal.signal(signal.SIGCHLD, reap)
    out = sys.stdout
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            child(request)
        out.write(json.dumps({"pid": pid}) + "\n")
        out.flush()


if __name__ == "__main__":
    serve()
