"""Peak resident memory of a process, as the build reports it for its parts and for Pagefind.

Linux starts a child's ``ru_maxrss`` from its parent's resident memory at the
fork, so ``os.wait4`` gives a child of a large process at least its parent's
size. VmHWM in /proc counts the process's own memory since its exec.
"""

from __future__ import annotations


def peak_resident_bytes(pid: int | str = "self") -> int | None:
    """VmHWM of process ``pid`` in bytes; None where /proc does not tell it (not Linux, process gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None
