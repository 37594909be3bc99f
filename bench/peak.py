"""Peak memory of the calling process.

``VmHWM`` (Linux) is this process's own high-water mark of resident memory. ``ru_maxrss`` is
not used where ``VmHWM`` exists: on Linux it carries over from the parent across fork and exec,
so a child of a large benchmark process would report the parent's peak.
"""

import resource


def peak_kib() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
