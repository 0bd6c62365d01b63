"""One statutory return (issue 17) built for the bench council, in a fresh process: its wall time and peak memory, as
JSON. `python bench/measure_returns.py KIND` builds the kind of return `KIND` (a key of casework.returns.builds.KINDS)
for the current collection year, exactly as the worker does (reading every child, writing the file's bytes), and
keeps nothing. bench/run.py runs it once per kind, each in its own process so that peak memory is that build's.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from casework.returns.builds import KINDS  # noqa: E402
from casework.returns.codes import collection_year  # noqa: E402



def peak_mb() -> float:
    """This process's peak resident memory: VmHWM, which starts afresh with the process's own memory, where
    ru_maxrss can carry the peak of the process that started it (Linux keeps it across fork and exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


kind = sys.argv[1]
before_mb = peak_mb()
start = time.perf_counter()
name, content = KINDS[kind].build(collection_year(), settings.DFE_LA_NUMBER)
seconds = time.perf_counter() - start
print(json.dumps({
    "kind": kind, "seconds": seconds, "file": name, "kb": len(content) / 1024, "before_mb": before_mb,
    "peak_mb": peak_mb(),
}))
