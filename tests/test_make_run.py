"""`make run` on a fresh copy with no .venv and no configuration serves the sign-in page,
starts a Celery worker and beat, and every demo user can sign in.

The copy is the working tree as git sees it (tracked and untracked, not ignored), so a change not
yet committed is tested too. It installs from scratch, so this is the slowest test (about a minute
or two with warm pip and npm caches).
"""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.runs_first  # the slowest test: started first, beside the rest

REPO = Path(__file__).resolve().parents[1]
DEMO_USERS = ["practitioner", "practitioner2", "practitioner3", "manager", "manager2", "slt", "edt", "admin", "dpo",
              "performance"]
CONFIG_VARIABLES = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_COOKIES",
                    "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV")


def _copy_working_tree(destination: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, check=True, capture_output=True,
    ).stdout.decode().split("\0")
    for name in filter(None, files):
        source = REPO / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _signed_in(base: str, username: str):
    """(an opener holding the signed-in session, the page sign-in led to)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/sign-in/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": "Casework-Demo-2026"}
    ).encode()
    request = urllib.request.Request(f"{base}/sign-in/", data=data, headers={"Referer": f"{base}/sign-in/"})
    return opener, opener.open(request, timeout=30).read().decode()


def _sign_in(base: str, username: str) -> str:
    return _signed_in(base, username)[1]


def test_make_run_on_a_fresh_copy_serves_the_demo(tmp_path):
    workdir = tmp_path / "casework"
    _copy_working_tree(workdir)
    assert not (workdir / ".venv").exists()
    env = {key: value for key, value in os.environ.items() if key not in CONFIG_VARIABLES}
    port = _free_port()
    env["PORT"] = str(port)
    log = (tmp_path / "make-run.log").open("w")
    process = subprocess.Popen(["make", "run"], cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 540
        while True:
            assert process.poll() is None, (tmp_path / "make-run.log").read_text()[-3000:]
            try:
                if urllib.request.urlopen(f"{base}/sign-in/", timeout=5).status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "make run did not serve the sign-in page in time"
            time.sleep(1)
        for username in DEMO_USERS:
            assert "Sign out" in _sign_in(base, username), username
        # Each child on the practitioner's caseload opens with its banner on the embedded database too (the banner's
        # query is compiled once and run with plain parameters: SQLite hands back dates and times as text).
        opener, _ = _signed_in(base, "practitioner")
        caseload = opener.open(f"{base}/caseload/", timeout=30).read().decode()
        children = sorted(set(re.findall(r'href="(/children/[A-Z0-9-]+/)"', caseload)))
        assert children, caseload[-2000:]
        next_visits = []
        for path in children:
            record = opener.open(f"{base}{path}", timeout=30).read().decode()
            next_visits.append(re.search(r'id="banner-next-visit">([^<]*)<', record).group(1))
        assert any(re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4} ?", due) for due in next_visits), next_visits
        output = (tmp_path / "make-run.log").read_text()
        assert f"http://127.0.0.1:{port}/" in output and "Casework-Demo-2026" in output
        group = subprocess.run(["ps", "-ww", "-o", "args=", "-g", str(process.pid)], capture_output=True, text=True).stdout
        assert "celery -A config worker" in group and "celery -A config beat" in group
        assert (workdir / "casework.sqlite3").exists()  # the embedded default: no server needed
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()
