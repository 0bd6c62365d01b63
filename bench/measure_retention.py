"""The monthly retention review (issue 18) at full scale, in a fresh process: its wall time and peak memory, as JSON.

The dataset's cases are all open, so half of them are closed first (a year ago, or on the day of a later referral), inside a transaction that is rolled
back at the end: the dataset the other measurements use is left as it was. The review then runs as if a century
later (every closed record past its date, so every one is listed), twice: the first run works out and stores every
date and lists every record; the second finds nothing to write (the job is safe to run twice).
"""

import json
import os
import resource
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from records.retention.services import review  # noqa: E402

today = timezone.localdate()
with transaction.atomic():
    with connection.cursor() as cursor:
        cursor.execute("UPDATE casework_case SET closure_date = GREATEST(referral_date, %s), closure_reason = 'RC7' "
                       "WHERE closure_date IS NULL AND id %% 2 = 0", [today - timedelta(days=365)])
        closed = cursor.rowcount
        cursor.execute("ANALYZE casework_case")
    later = today + timedelta(days=365 * 100)
    start = time.perf_counter()
    listed = review(today=later)
    first = time.perf_counter() - start
    start = time.perf_counter()
    again = review(today=later)
    second = time.perf_counter() - start
    transaction.set_rollback(True)
print(json.dumps({
    "seconds": first, "again_seconds": second, "closed_cases": closed, "listed": listed, "listed_again": again,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
