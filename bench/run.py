"""`make bench`: build a council-sized dataset in its own PostgreSQL database and measure the targets.

BENCH_SCALE=0.05 make bench  runs a quick, smaller version. Results: printed as a table and
written to bench/results.json (one object per target: name, value, unit, limit, met).
"""

import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
CHILDREN = max(100, int(50_000 * SCALE))
ENTRIES = max(1_000, int(2_000_000 * SCALE))
DATABASE = os.environ.get("BENCH_DATABASE", "casework_bench")
ENV = {
    **os.environ,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdefghijkl",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)
sys.path.insert(0, str(ROOT))


def log(message):
    print(message, flush=True)


def prepare_database():
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
        marker = f"{CHILDREN}:{ENTRIES}"
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists:
            comment = admin.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [DATABASE]
            ).fetchone()[0]
            if comment == marker:
                log(f"Reusing the dataset in {DATABASE} ({CHILDREN} children, {ENTRIES} entries)")
                return False
            admin.execute(f'DROP DATABASE "{DATABASE}"')
        admin.execute(f'CREATE DATABASE "{DATABASE}"')
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=ENV, check=True)
    return True


def mark_generated():
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
        admin.execute(f"COMMENT ON DATABASE \"{DATABASE}\" IS '{CHILDREN}:{ENTRIES}'")


def measure_flag_pass():
    out = subprocess.run([PYTHON, "bench/measure_flags.py"], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_subject_access_pdf():
    out = subprocess.run([PYTHON, "bench/measure_pdf.py"], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    started = datetime.now(timezone.utc)
    fresh = prepare_database()
    import django

    django.setup()
    from django.db import connection

    from bench.generate import generate

    if fresh:
        import time

        log(f"Generating {CHILDREN} children and {ENTRIES} entries ...")
        t0 = time.perf_counter()
        generate(children=CHILDREN, entries=ENTRIES, log=log)
        mark_generated()
        log(f"  generated in {time.perf_counter() - t0:.0f} s")

    targets = []

    # The timeliness pass (issue: timeliness engine): a full pass from no flags, then a pass with nothing new.
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE records_flag")
    full = measure_flag_pass()
    again = measure_flag_pass()
    targets += [
        {"name": "overdue job, full pass", "value": round(full["seconds"], 2), "unit": "s", "limit": 20},
        {"name": "overdue job, full pass, peak memory", "value": round(full["peak_mb"], 1), "unit": "MB", "limit": 300},
        {"name": "overdue job, no-change pass", "value": round(again["seconds"], 2), "unit": "s", "limit": 5},
        {"name": "overdue job, no-change pass, peak memory", "value": round(again["peak_mb"], 1), "unit": "MB", "limit": 300},
    ]
    # PDFs (issue: restricted, consent, sharing and subject access, with PDF bundles): our pipeline
    # (entries -> HTML -> WeasyPrint) against WeasyPrint alone on the same HTML, medians of 3.
    log("Measuring the subject access PDF (1,000 entries, 3 runs of each) ...")
    pdf = measure_subject_access_pdf()
    targets.append({
        "name": "subject access PDF, 1,000 entries: full pipeline / WeasyPrint alone",
        "value": round(pdf["pipeline_seconds"] / pdf["weasyprint_seconds"], 2), "unit": "x", "limit": 1.3,
        "pipeline_seconds": round(pdf["pipeline_seconds"], 2), "weasyprint_seconds": round(pdf["weasyprint_seconds"], 2),
        "html_seconds": round(pdf["html_seconds"], 2), "pages": pdf["pages"], "peak_mb": round(pdf["peak_mb"], 1),
    })
    for target in targets:
        target["met"] = target["value"] <= target["limit"]

    results = {
        "date": started.isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "dataset": {"children": CHILDREN, "entries": ENTRIES + 5000, "staff": 300, "teams": 15,
                    "flags_opened_by_full_pass": full["opened"]},
        "targets": targets,
    }
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    log("")
    log(f"| target | value | limit | met |")
    log(f"| --- | --- | --- | --- |")
    for t in targets:
        log(f"| {t['name']} | {t['value']} {t['unit']} | {t['limit']} {t['unit']} | {'yes' if t['met'] else 'NO'} |")
    log(f"\nSubject access PDF of 1,000 entries ({pdf['pages']} pages, {pdf['pdf_kb']} KB), medians of 3: "
        f"full pipeline {pdf['pipeline_seconds']:.2f} s (of which HTML {pdf['html_seconds']:.2f} s) | "
        f"WeasyPrint alone {pdf['weasyprint_seconds']:.2f} s | peak memory {pdf['peak_mb']:.0f} MB")
    log(f"\nDataset: {results['dataset']}; {results['machine']}; {results['date']}")
    return 0 if all(t["met"] for t in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
