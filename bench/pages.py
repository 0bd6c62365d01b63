"""Server time of the pages issue #10 names, and the record page's throughput under gunicorn.

Server time is measured in-process: Django's test Client against the bench database (DEBUG off,
the product's whole middleware stack), timing each request through the handler, with no network
or browser. Each page gets WARMUP requests first, then REQUESTS timed ones; median and 95th
percentile. Each is compared with a bare Django view (bench/urls.py) that fetches one child by
primary key and renders one line, through the same middleware with the same signed-in session.

Throughput: gunicorn with 4 workers on 127.0.0.1, loaded by wrk in another process with the
signed-in session's cookie; errors are non-2xx responses (counted by a wrk Lua script, so a
redirect to the sign-in page counts) plus socket errors.
"""

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse

from access.models import Team
from casework.models import Allocation, Child

ROOT = Path(__file__).resolve().parents[1]
WARMUP = int(os.environ.get("BENCH_WARMUP", "20"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "20"))
WRK_CONNECTIONS = 4  # one request in flight per worker: throughput, not queueing
WRK_TIMEOUT = "30s"  # wrk's 2 s default counts a slow page as a socket error, not as a slow page
GUNICORN_WORKERS = 4
BIG_CHILD = "BX-0000001"  # bench/generate.py gives child 1 its own 5,000 entries

WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  local e = summary.errors
  io.write(string.format('WRK {"requests": %d, "duration_us": %d, "non2xx": %d, "socket_errors": %d, ' ..
    '"latency_p50_us": %d, "latency_p95_us": %d}\\n', summary.requests, summary.duration, bad,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95)))
end
"""


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(client, url, *, requests=REQUESTS, warmup=WARMUP) -> dict:
    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code} (expected 200): the bench cannot time it")
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {"url": url, "requests": requests, "median_ms": statistics.median(times),
            "p95_ms": percentile(times, 0.95)}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def cast():
    """Who asks for each page: the big child's allocated worker, and the dashboard team's manager."""
    child = Child.objects.get(local_id=BIG_CHILD)
    worker = Allocation.objects.filter(case__child=child, ended_at__isnull=True).select_related("worker").get().worker
    from bench.generate import DASHBOARD_TEAM

    team = Team.objects.filter(name=DASHBOARD_TEAM).select_related("manager").first()
    return child, worker, (team.manager if team else None)


def page_urls(child, worker, dashboard_manager) -> list[tuple[str, str, object]]:
    """(name, URL, who asks) for each page measured; the dashboard once its URL name exists."""
    pages = [
        ("record page (casework:child_record, 5,000-entry child)", reverse("casework:child_record", args=[child.local_id]), worker),
        ("record page (records:entry_list, 5,000-entry child)", reverse("records:entry_list", args=[child.local_id]), worker),
        ("my caseload", reverse("casework:caseload"), worker),
        ("child search", reverse("casework:search") + f"?q={child.first_name}+{child.last_name}", worker),
        ("chronology (5,000-entry child)", reverse("records:chronology", args=[child.local_id]), worker),
    ]
    try:
        dashboard = reverse("records:team_dashboard")
    except NoReverseMatch:
        dashboard = None
    if dashboard and dashboard_manager is not None:
        pages.insert(4, ("team dashboard (25 practitioners, 3,000 open cases)", dashboard, dashboard_manager))
        # Issue 16: the children behind the statutory visits column, each case's next visit worked out.
        team = Team.objects.filter(manager=dashboard_manager).order_by("pk").first()
        pages.insert(5, ("team dashboard drill-down, statutory visits due (3,000 open cases)",
                         f"{reverse('records:team_drilldown')}?team={team.pk}&figure=visits", dashboard_manager))
    # My work (issue 16): the home page after sign-in, for the big child's worker and the dashboard team's manager.
    pages.append(("work tray, practitioner (the 5,000-entry child's worker)", reverse("records:my_work"), worker))
    if dashboard_manager is not None:
        pages.append(("work tray, team manager (25 practitioners, 3,000 open cases)", reverse("records:my_work"),
                      dashboard_manager))
    return pages


@override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS])
def measure_pages(log=print) -> dict:
    child, worker, manager = cast()
    clients = {}

    def client_for(user):
        if user.pk not in clients:
            clients[user.pk] = signed_in(user)
        return clients[user.pk]

    bare = timed(client_for(worker), reverse("bench_bare_child", args=[child.pk]))
    log(f"  bare view: median {bare['median_ms']:.1f} ms, p95 {bare['p95_ms']:.1f} ms")
    pages = {}
    for name, url, user in page_urls(child, worker, manager):
        result = timed(client_for(user), url)
        result["median_x_bare"] = result["median_ms"] / bare["median_ms"]
        result["p95_x_bare"] = result["p95_ms"] / bare["p95_ms"]
        pages[name] = result
        log(f"  {name}: median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, "
            f"{result['p95_x_bare']:.1f} x bare")
    return {"bare": bare, "pages": pages, "how": "in-process, Django test Client, DEBUG off, "
            f"{WARMUP} warm-up then {REQUESTS} timed requests per page"}


# --- Throughput under gunicorn ---------------------------------------------------------------------

def ensure_wrk() -> str:
    """wrk from Debian, installed when missing (as `make test` installs chromium)."""
    found = shutil.which("wrk")
    if found:
        return found
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env, stdout=subprocess.DEVNULL)
    return shutil.which("wrk")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not start on port {port}")


def session_cookie(user) -> str:
    client = signed_in(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def measure_throughput(log=print) -> dict:
    wrk = ensure_wrk()
    child, worker, _ = cast()
    url_path = reverse("casework:child_record", args=[child.local_id])
    cookie = session_cookie(worker)
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "config.wsgi", "--workers", str(GUNICORN_WORKERS), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "--access-logfile", "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null"],
        cwd=ROOT, env=os.environ.copy(),
    )
    try:
        _wait_for(port)
        url = f"http://127.0.0.1:{port}{url_path}"
        # The session must reach the page itself, not the sign-in page: checked before loading.
        check = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", f"Cookie: {cookie}", url],
                               capture_output=True, text=True)
        if check.stdout.strip() != "200":
            raise SystemExit(f"The record page under gunicorn answered {check.stdout!r}, not 200")
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        # Warm up each worker, then the measured run.
        subprocess.run([wrk, "-t2", f"-c{WRK_CONNECTIONS}", "-d5s", "--timeout", WRK_TIMEOUT, "-H", f"Cookie: {cookie}",
                        url], capture_output=True, text=True, check=True)
        out = subprocess.run([wrk, "-t2", f"-c{WRK_CONNECTIONS}", f"-d{WRK_SECONDS}s", "--timeout", WRK_TIMEOUT,
                              "-s", script.name,
                              "-H", f"Cookie: {cookie}", url], capture_output=True, text=True, check=True)
        os.unlink(script.name)
        line = next(line for line in out.stdout.splitlines() if line.startswith("WRK "))
        result = json.loads(line[4:])
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    result["requests_per_second"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = result["non2xx"] + result["socket_errors"]
    result["how"] = (f"gunicorn {GUNICORN_WORKERS} sync workers on 127.0.0.1, wrk -t2 -c{WRK_CONNECTIONS} "
                     f"-d{WRK_SECONDS}s --timeout {WRK_TIMEOUT} in another process, signed-in session cookie")
    log(f"  record page under gunicorn: {result['requests_per_second']:.0f} requests/s, {result['errors']} errors")
    return result
