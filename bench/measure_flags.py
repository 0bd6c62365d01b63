"""One timeliness pass in a fresh process: its wall time and the process's peak memory, as JSON."""

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

from records.timeliness.services import run_flag_pass  # noqa: E402

start = time.perf_counter()
result = run_flag_pass()
seconds = time.perf_counter() - start
print(json.dumps({
    "seconds": seconds,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "opened": sum(opened for opened, _ in result.values()),
    "closed": sum(closed for _, closed in result.values()),
}))
