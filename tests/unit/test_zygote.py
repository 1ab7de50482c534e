"""The zygote waits for the kernels it forked: no zombies are left, and their CPU time counts
as the zygote's children's, so the build's own CPU time (what ``make bench`` reports as the
floor on two cores) includes the notebooks'."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

# In a process of its own: serve() with a kernel that only burns CPU, one request, then stdin
# closes; the CPU of the waited-for children and whether any child is left unwaited.
SERVE_ONE = textwrap.dedent(
    """
    import json, os, resource, sys, time
    from daisen_taiko.kernel import zygote

    def busy_kernel(request):
        end = time.process_time() + 0.3
        while time.process_time() < end:
            pass
        os._exit(0)

    zygote.preload = lambda: None
    zygote.child = busy_kernel
    zygote.serve()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        if usage.ru_utime + usage.ru_stime >= 0.25:
            break
        time.sleep(0.05)
    try:
        left = os.waitpid(-1, os.WNOHANG)[0] != 0
    except ChildProcessError:
        left = False
    print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "zombie": left}))
    """
)


def test_kernels_are_waited_for_and_their_cpu_counted():
    proc = subprocess.run(
        [sys.executable, "-c", SERVE_ONE],
        input=json.dumps({"cwd": "."}) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert json.loads(lines[0]) == {"ready": True}
    assert "pid" in json.loads(lines[1])
    result = json.loads(lines[-1])
    assert result["cpu"] >= 0.25, f"the kernel's CPU time was not counted: {result}"
    assert not result["zombie"]
