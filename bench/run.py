"""`make bench`: build a council-sized dataset in its own PostgreSQL database and measure the targets.

BENCH_SCALE=0.05 make bench  runs a quick, smaller version. Results: printed as a table and
written to bench/results.json (one object per target: name, value, unit, limit, met).
"""

import json
import os
import platform
import statistics
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
    # Bench users sign in with force_login; no second factor to set up for the dashboard's manager.
    "REQUIRE_2FA_FOR_ROLES": "",
}
PDF_RUNS = int(os.environ.get("BENCH_PDF_RUNS", "3"))
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
                # Migrated to this code's schema (the timeliness pass below fills anything a new table keeps).
                subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=ENV, check=True)
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
    """Our pipeline and WeasyPrint alone, PDF_RUNS times each, alternately, each run in a fresh process
    (so that each process's peak memory is one run's). Medians of the times; the highest peak memory."""
    runs = {"pipeline": [], "alone": []}
    for _ in range(PDF_RUNS):
        for mode in runs:
            out = subprocess.run([PYTHON, "bench/measure_pdf.py", mode], cwd=ROOT, env=ENV, check=True,
                                 capture_output=True, text=True)
            runs[mode].append(json.loads(out.stdout.strip().splitlines()[-1]))
    pipeline, alone = runs["pipeline"], runs["alone"]
    median = statistics.median
    return {
        "pipeline_seconds": median(r["seconds"] for r in pipeline),
        "html_seconds": median(r["html_seconds"] for r in pipeline),
        "weasyprint_seconds": median(r["seconds"] for r in alone),
        "pipeline_peak_mb": max(r["peak_mb"] for r in pipeline),
        "weasyprint_peak_mb": max(r["peak_mb"] for r in alone),
        "pages": pipeline[-1]["pages"], "pages_alone": alone[-1]["pages"], "pdf_kb": pipeline[-1]["pdf_kb"],
        "volumes": pipeline[-1]["volumes"], "part_size": pipeline[-1]["part_size"], "runs": PDF_RUNS,
    }


def measure_retention_review():
    out = subprocess.run([PYTHON, "bench/measure_retention.py"], cwd=ROOT, env=ENV, check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_returns():
    """Each kind of statutory return (issue 17), built in its own process so that its peak memory is its own."""
    from casework.returns.builds import KINDS

    found = {}
    for kind in KINDS:
        out = subprocess.run([PYTHON, "bench/measure_returns.py", kind], cwd=ROOT, env=ENV, check=True,
                             capture_output=True, text=True)
        found[kind] = {**json.loads(out.stdout.strip().splitlines()[-1]), "label": KINDS[kind].label}
    return found


def target(name, value, unit, limit, **extra):
    return {"name": name, "value": round(value, 2), "unit": unit, "limit": limit, "met": value <= limit, **extra}


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

    from bench.generate import generate_dashboard_team, has_dashboard_team
    from bench.generate_returns import generate_returns_data, has_returns_data

    if not has_dashboard_team():
        generate_dashboard_team(scale=SCALE, log=log)
    if not has_returns_data():
        log("Adding what the statutory returns read ...")
        generate_returns_data(log=log)
        # It rewrote every child's row: fresh statistics and visibility map, as autovacuum keeps on a live database
        # (without them each index-only read of the children went back to the table).
        from bench.generate import vacuum_analyze

        vacuum_analyze()

    targets = []

    # The timeliness pass (issue: timeliness engine): a full pass from no flags, then a pass with nothing new.
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE records_flag")
    full = measure_flag_pass()
    again = measure_flag_pass()
    # The passes rewrote the flags (and the stored visit clocks): fresh planner statistics and visibility map for them,
    # as autovacuum keeps on a live database (without them the pages below plan for an empty flag table, and read
    # every flag an index found from the table again).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE records_flag")
        cursor.execute("VACUUM ANALYZE records_nextvisit")
    targets += [
        target("overdue job, full pass", full["seconds"], "s", 20),
        target("overdue job, full pass, peak memory", full["peak_mb"], "MB", 300),
        target("overdue job, no-change pass", again["seconds"], "s", 5),
        target("overdue job, no-change pass, peak memory", again["peak_mb"], "MB", 300),
    ]

    # Issue 18: the monthly retention review, half the cases closed, every closed record past its date.
    log("Timing the retention review ...")
    retention = measure_retention_review()
    targets += [
        target("retention review, full run", retention["seconds"], "s", 60, closed_cases=retention["closed_cases"],
               listed=retention["listed"]),
        target("retention review, second run", retention["again_seconds"], "s", 60,
               listed=retention["listed_again"]),
        target("retention review, peak memory", retention["peak_mb"], "MB", 300),
    ]

    # Issue 17: the statutory returns for the whole council build in under 2 minutes (all of them together) and
    # under 500 MB (each, in the worker's process).
    log("Building the statutory returns ...")
    returns = measure_returns()
    for kind, built in returns.items():
        targets.append(target(f"{built['label']}: build", built["seconds"], "s", 120, file_kb=round(built["kb"])))
        targets.append(target(f"{built['label']}: peak memory", built["peak_mb"], "MB", 500))
    targets.append(target("statutory returns, all built one after another", sum(b["seconds"] for b in returns.values()),
                          "s", 120))

    # Page server times (issue #10), in-process, against a bare view.
    from bench import pages as page_bench

    log(f"Timing pages ({page_bench.WARMUP} warm-up, {page_bench.REQUESTS} timed requests each) ...")
    timings = page_bench.measure_pages(log=log)
    # Issue 16: every main page (record, entries, caseload, work tray, search, chronology) p95 at most 50 ms and
    # at most 10 x the bare view; the team dashboard (and its drill-downs) at most 100 ms.
    for name, page in timings["pages"].items():
        if name.startswith("team dashboard"):
            targets.append(target(f"{name}, p95", page["p95_ms"], "ms", 100, median_ms=round(page["median_ms"], 1)))
            continue
        limit_ms, limit_x = 50, 10
        targets.append(target(f"{name}, p95", page["p95_ms"], "ms", limit_ms, median_ms=round(page["median_ms"], 1)))
        targets.append(target(f"{name}, p95 / bare view p95", page["p95_x_bare"], "x", limit_x,
                              median_x_bare=round(page["median_x_bare"], 2)))

    log("Loading the record page under gunicorn with wrk ...")
    load = page_bench.measure_throughput(log=log)
    targets.append(target("record page under gunicorn (4 workers, wrk), errors", load["errors"], "errors", 0,
                          requests_per_second=round(load["requests_per_second"], 1), requests=load["requests"]))

    # PDFs (issue #6): our pipeline (entries -> HTML -> WeasyPrint in volumes -> joined) against
    # WeasyPrint alone on the same entries as one HTML document.
    log(f"Measuring the subject access PDF (1,000 entries, {PDF_RUNS} runs of each) ...")
    pdf = measure_subject_access_pdf()
    targets.append(target(
        "subject access PDF, 1,000 entries: full pipeline / WeasyPrint alone",
        pdf["pipeline_seconds"] / pdf["weasyprint_seconds"], "x", 1.3,
        pipeline_seconds=round(pdf["pipeline_seconds"], 2), weasyprint_seconds=round(pdf["weasyprint_seconds"], 2),
        html_seconds=round(pdf["html_seconds"], 2), pages=pdf["pages"], volumes=pdf["volumes"],
        pipeline_peak_mb=round(pdf["pipeline_peak_mb"], 1), weasyprint_peak_mb=round(pdf["weasyprint_peak_mb"], 1),
    ))

    results = {
        "date": started.isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "dataset": {"scale": SCALE, "children": CHILDREN, "entries": ENTRIES + 5000, "staff": 300, "teams": 15,
                    "dashboard_team": dashboard_size(), "flags_opened_by_full_pass": full["opened"]},
        "targets": targets,
        "pages": {"how": timings["how"], "bare_view": rounded(timings["bare"]),
                  **{name: rounded(page) for name, page in timings["pages"].items()}},
        "throughput": rounded(load),
        "pdf": rounded(pdf),
        "returns": {kind: rounded(built) for kind, built in returns.items()},
    }
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print_table(results, timings, load, pdf)
    # The table says which targets are missed; BENCH_STRICT=1 also makes a miss fail the command (for CI).
    strict = os.environ.get("BENCH_STRICT") == "1"
    return 1 if strict and not all(t["met"] for t in targets) else 0


def rounded(values: dict) -> dict:
    return {key: round(value, 2) if isinstance(value, float) else value for key, value in values.items()}


def dashboard_size() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT count(DISTINCT s.user_id) FILTER (WHERE t.manager_id IS DISTINCT FROM s.user_id),
                   (SELECT count(*) FROM casework_child WHERE local_id LIKE 'BD-%%'),
                   (SELECT count(*) FROM records_entry e JOIN casework_child c ON c.id = e.child_id WHERE c.local_id LIKE 'BD-%%')
            FROM access_team t JOIN access_staffprofile s ON s.team_id = t.id WHERE t.name = %s
        """, ["Bench dashboard team"])
        practitioners, cases, entries = cursor.fetchone()
    return {"practitioners": practitioners, "open_cases": cases, "entries": entries}


def print_table(results, timings, load, pdf):
    log("")
    log(f"Benchmark of {results['date']} on {results['machine']}")
    log(f"Dataset: {results['dataset']}")
    log("")
    log("| target | value | limit | met |")
    log("| --- | --- | --- | --- |")
    for t in results["targets"]:
        log(f"| {t['name']} | {t['value']:g} {t['unit']} | {t['limit']:g} {t['unit']} | {'yes' if t['met'] else '**MISSED**'} |")
    log("")
    log(f"Server time, {timings['how']}:")
    log("")
    log("| page | median | 95th percentile | median / bare | p95 / bare |")
    log("| --- | --- | --- | --- | --- |")
    bare = timings["bare"]
    log(f"| bare view (one child by primary key, one line) | {bare['median_ms']:.1f} ms | {bare['p95_ms']:.1f} ms | 1 x | 1 x |")
    for name, page in timings["pages"].items():
        log(f"| {name} | {page['median_ms']:.1f} ms | {page['p95_ms']:.1f} ms | {page['median_x_bare']:.1f} x | {page['p95_x_bare']:.1f} x |")
    log("")
    log(f"Record page under load ({load['how']}): {load['requests_per_second']:.1f} requests/s, "
        f"{load['requests']} requests, {load['non2xx']} non-2xx, {load['socket_errors']} socket errors, "
        f"latency p50 {load['latency_p50_us'] / 1000:.0f} ms, p95 {load['latency_p95_us'] / 1000:.0f} ms")
    log("")
    log(f"Subject access PDF of 1,000 entries, medians of {pdf['runs']} (each run in its own process): "
        f"full pipeline {pdf['pipeline_seconds']:.2f} s in {pdf['volumes']} volumes of {pdf['part_size']} entries "
        f"({pdf['pages']} pages, of which HTML {pdf['html_seconds']:.2f} s), peak memory {pdf['pipeline_peak_mb']:.0f} MB | "
        f"WeasyPrint alone on one HTML document {pdf['weasyprint_seconds']:.2f} s ({pdf['pages_alone']} pages), "
        f"peak memory {pdf['weasyprint_peak_mb']:.0f} MB")
    missed = [t["name"] for t in results["targets"] if not t["met"]]
    if missed:
        log("")
        log("MISSED: " + "; ".join(missed) + " (see bench/PROFILE.md)")


if __name__ == "__main__":
    sys.exit(main())
