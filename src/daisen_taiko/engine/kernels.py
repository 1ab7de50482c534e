"""Kernels forked from the zygote (daisen_taiko/kernel/zygote.py), plugged into jupyter_client as a provisioner.

papermill runs each notebook with a kernel manager whose provisioner asks the zygote to fork
instead of starting a new Python and importing everything again.  The kernel is a process
of its own, in its own session; it is signalled, polled and killed through its pid (Linux
pidfd), as jupyter_client does with the processes it starts itself.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

from jupyter_client.provisioning import LocalProvisioner


class ForkedProcess:
    """The part of subprocess.Popen that jupyter_client uses, for a process we did not start."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        self._fd = os.pidfd_open(pid)

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self._fd], [], [], 0)[0]:
            self.returncode = 0
            os.close(self._fd)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            select.select([self._fd], [], [], timeout)
            self.poll()
        return self.returncode if self.returncode is not None else 0

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class Zygote:
    """The zygote process of one build; ``fork`` is safe from several threads."""

    def __init__(self, env: dict[str, str]):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "daisen_taiko.kernel.zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
            bufsize=1,
        )
        self.lock = threading.Lock()
        self.ready = False

    def fork(self, request: dict) -> int:
        with self.lock:
            if not self.ready:
                json.loads(self.proc.stdout.readline())
                self.ready = True
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            return int(json.loads(self.proc.stdout.readline())["pid"])

    def close(self) -> None:
        """Stop the zygote at once (it holds no state; the kernels it forked run in sessions of
        their own and are shut down by their managers)."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        self.proc.stdin.close()
        self.proc.stdout.close()


class ForkProvisioner(LocalProvisioner):
    """Launch = fork from the zygote, with this notebook's environment, folder and log."""

    zygote: Zygote | None = None
    extra_env: dict | None = None
    log_file: str = os.devnull
    workdir: str = "."

    async def launch_kernel(self, cmd: list[str], **kwargs):
        env = dict(kwargs.get("env") or os.environ)
        env.update(self.extra_env or {})
        request = {
            "connection_file": cmd[cmd.index("-f") + 1],
            "cwd": str(kwargs.get("cwd") or self.workdir),
            "env": env,
            "log": self.log_file,
        }
        self.process = ForkedProcess(self.zygote.fork(request))
        self.pid = self.pgid = self.process.pid
        self.cwd = request["cwd"]
        return self.connection_info


def manager(zygote: Zygote, extra_env: dict, workdir: Path, log_file: Path):
    """A kernel manager for one notebook whose kernel is forked from ``zygote``."""
    import uuid

    from jupyter_client.manager import AsyncKernelManager

    km = AsyncKernelManager(kernel_name="python3")
    km.kernel_id = str(uuid.uuid4())
    prov = ForkProvisioner(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km)
    prov.zygote, prov.extra_env, prov.workdir, prov.log_file = zygote, extra_env, str(workdir), str(log_file)
    km.provisioner = prov
    return km
