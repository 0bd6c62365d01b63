"""The Python calls each bench page makes a request (cProfile's count): a measure of the code's own work that stays
steady when the machine is busy, where wall times move by half (bench/PROFILE.md). Run on the bench database
`make bench` built: `.venv/bin/python bench/calls.py [part of a page's name ...]`."""

import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import run  # noqa: E402,F401  (its import sets the bench database's environment)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import pages  # noqa: E402

REQUESTS = 5


def calls_a_request(client, url) -> int:
    for _ in range(REQUESTS):  # warm: the first requests compile queries and templates
        client.get(url)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(REQUESTS):
        client.get(url)
    profile.disable()
    return pstats.Stats(profile).total_calls // REQUESTS


def main(wanted):
    with override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS]):
        child, worker, manager = pages.cast()
        chosen = [("bare view", reverse("bench_bare_child", args=[child.pk]), worker)] + [
            page for page in pages.page_urls(child, worker, manager) if not wanted or any(w in page[0] for w in wanted)]
        clients = {}
        for name, url, user in chosen:
            client = clients.setdefault(user.pk, pages.signed_in(user))
            print(f"{calls_a_request(client, url):8,d} calls  {name}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
