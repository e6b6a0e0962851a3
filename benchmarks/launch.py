"""Run a command as the child of this small process; write its wall time, CPU time and peak memory as JSON.

Usage: ``python -I -S benchmarks/launch.py REPORT.json COMMAND [ARG ...]``.

Linux charges a process the peak resident memory of the process that forked it, as it was when it forked
(``ru_maxrss`` keeps the old address space's high-water mark across ``exec``): timed from the benchmark
runner (tens of MB), every client would start from the runner's size. Forked from this launcher (a few MB,
no ``site``), the figure is the command's own.
"""

import json
import os
import sys
import time


def main() -> None:
    report, command = sys.argv[1], sys.argv[2:]
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the command
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    with open(report, "w") as stream:
        json.dump(
            {
                "returncode": os.waitstatus_to_exitcode(status),
                "wall_s": wall,
                "cpu_s": usage.ru_utime + usage.ru_stime,
                "peak_rss_mb": usage.ru_maxrss / 1024,
            },
            stream,
        )


if __name__ == "__main__":
    main()
