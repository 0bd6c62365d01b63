"""Building a statutory return (issue 17): who may build and download (everyone else a 404), bad input, the build
kept with who built it and when, audit events, progress by refresh, a real Celery worker, never deleted."""

import io
import time
import zipfile

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from access.models import AuditAction, AuditEvent
from casework.returns import services, worker
from casework.returns.builds import KINDS
from casework.returns.codes import collection_year
from casework.returns.models import ReturnBuild, return_path
from casework.tasks import build_return
from config.celery import app
from tests.casework.returns.staff import performance  # noqa: F401  the fixture
from tests.conftest import client_for
from tests.pdf_text import response_bytes

BUILDERS = ("performance", "slt")
NOT_BUILDERS = ("practitioner", "colleague", "other_practitioner", "manager", "edt", "admin")


@pytest.fixture
def queued(monkeypatch):
    """What would go to the broker: the ids given to build_return.delay."""
    sent = []
    monkeypatch.setattr(build_return, "delay", lambda build_id: sent.append(build_id))
    return sent


@pytest.fixture
def everyone(cast, performance):
    return {**cast, "performance": performance}


def _built(by, year=None) -> ReturnBuild:
    build = ReturnBuild.objects.create(kind="cin_census", year=year or collection_year(), la_number="822", requested_by=by)
    worker.run_build(build.pk)
    build.refresh_from_db()
    return build


@pytest.mark.parametrize("role", BUILDERS)
def test_a_builder_asks_for_a_build_which_is_queued_and_audited(everyone, role, queued, django_capture_on_commit_callbacks):
    year = collection_year()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(everyone[role]).post(reverse("casework:return_build_new"), {"kind": "cin_census", "year": year})
    build = ReturnBuild.objects.get()
    assert response.status_code == 302 and response.url == reverse("casework:return_build", args=[build.pk])
    assert (build.kind, build.year, build.la_number, build.status) == ("cin_census", year, settings.DFE_LA_NUMBER, "queued")
    assert build.requested_by == everyone[role] and queued == [build.pk]
    event = AuditEvent.objects.get(action=AuditAction.BUILT_RETURN)
    assert event.actor == everyone[role] and f"build {build.pk}" in event.detail


@pytest.mark.parametrize("role", NOT_BUILDERS)
def test_nobody_else_reaches_any_returns_page(everyone, role, queued):
    build = _built(everyone["slt"])
    client = client_for(everyone[role])
    year = collection_year()
    pages = [reverse("casework:returns"), f"{reverse('casework:return_validation')}?kind=cin_census&year={year}",
             reverse("casework:return_build", args=[build.pk]), reverse("casework:return_download", args=[build.pk])]
    assert [client.get(url).status_code for url in pages] == [404] * 4
    assert client.post(reverse("casework:return_build_new"), {"kind": "cin_census", "year": year}).status_code == 404
    assert ReturnBuild.objects.count() == 1 and queued == []
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOADED_RETURN).exists()
    assert "Statutory returns" not in client.get(reverse("casework:caseload")).content.decode()


def test_the_service_refuses_anyone_without_the_role(practitioner, queued):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.request_build(kind="cin_census", year=collection_year(), by=practitioner)
    assert not ReturnBuild.objects.exists()


@pytest.mark.parametrize(("data", "error"), [
    ({"kind": "lac_census", "year": "CURRENT"}, "Choose a return from the list"),
    ({"kind": "cin_census", "year": "1999"}, "Choose a collection year from the list"),
    ({"kind": "cin_census", "year": "next year"}, "Choose a collection year from the list"),
    ({}, "Choose a return"),
])
def test_an_unknown_return_or_year_is_refused_with_a_clear_error_and_nothing_built(performance, queued, data, error):
    data = {key: (str(collection_year()) if value == "CURRENT" else value) for key, value in data.items()}
    response = client_for(performance).post(reverse("casework:return_build_new"), data)
    body = response.content.decode()
    assert response.status_code == 400 and "govuk-error-summary" in body and error in body
    assert not ReturnBuild.objects.exists() and queued == []
    assert not AuditEvent.objects.filter(action=AuditAction.BUILT_RETURN).exists()


def test_the_build_page_refreshes_until_the_return_is_ready_then_offers_the_download(performance, child):
    build = ReturnBuild.objects.create(kind="cin_census", year=collection_year(), la_number="822", requested_by=performance)
    client = client_for(performance)
    waiting = client.get(reverse("casework:return_build", args=[build.pk]))
    assert waiting["Refresh"] == "5" and "Waiting to start" in waiting.content.decode()
    assert client.get(reverse("casework:return_download", args=[build.pk])).status_code == 404  # not ready yet

    worker.run_build(build.pk)
    ready = client.get(reverse("casework:return_build", args=[build.pk]))
    body = ready.content.decode()
    assert "Refresh" not in ready and "govuk-tag--green" in body and "Imran Qureshi" in body
    assert reverse("casework:return_download", args=[build.pk]) in body


def test_the_file_is_kept_under_private_media_and_each_download_is_audited(performance, slt, child):
    build = _built(performance)
    path = return_path(build)
    assert build.status == "done" and build.finished_at is not None
    assert path.is_file() and path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert build.file_name == f"cin-census-822-{collection_year()}-{(collection_year() + 1) % 100:02d}.xml"

    response = client_for(slt).get(reverse("casework:return_download", args=[build.pk]))
    content = response_bytes(response)
    assert response.status_code == 200 and content == path.read_bytes()
    assert content.startswith(b"<?xml") and b"<Message>" in content and b"<LEA>822</LEA>" in content
    assert f'filename="{build.file_name}"' in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=AuditAction.DOWNLOADED_RETURN)
    assert event.actor == slt and f"build {build.pk}" in event.detail


def test_the_ssda903_return_is_kept_as_one_zip_of_its_csv_files(performance, slt, child):
    build = ReturnBuild.objects.create(kind="ssda903", year=collection_year(), la_number="822", requested_by=performance)
    worker.run_build(build.pk)
    build.refresh_from_db()
    assert build.status == "done"
    assert build.file_name == f"ssda903-822-{collection_year()}-{(collection_year() + 1) % 100:02d}.zip"
    content = response_bytes(client_for(slt).get(reverse("casework:return_download", args=[build.pk])))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert {"header.csv", "episodes.csv"} <= set(archive.namelist())
        assert archive.read("episodes.csv").decode().startswith("CHILD,")


def test_running_a_build_twice_leaves_the_finished_build_alone(performance, child):
    build = _built(performance)
    finished_at, content = build.finished_at, return_path(build).read_bytes()
    assert worker.run_build(build.pk) == "done"
    build.refresh_from_db()
    assert build.finished_at == finished_at and return_path(build).read_bytes() == content


def test_a_build_that_fails_says_so_and_keeps_no_file(performance, monkeypatch):
    def broken(year, la_number):
        raise RuntimeError("boom")
    monkeypatch.setitem(KINDS, "cin_census", KINDS["cin_census"].__class__("Children in need census", broken))
    build = _built(performance)
    assert build.status == "failed" and "could not be built" in build.error and not build.file_name
    assert client_for(performance).get(reverse("casework:return_download", args=[build.pk])).status_code == 404


def test_a_build_is_never_deleted(performance, child):
    build = _built(performance)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReturnBuild.objects.filter(pk=build.pk).delete()
    assert ReturnBuild.objects.filter(pk=build.pk).exists()


def test_the_returns_page_lists_builds_with_who_built_them_in_a_bounded_number_of_queries(
        performance, slt, django_assert_max_num_queries):
    for _ in range(3):
        ReturnBuild.objects.create(kind="cin_census", year=collection_year(), la_number="822", requested_by=slt)
    client = client_for(performance)
    client.get(reverse("casework:returns"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("casework:returns"))
    body = response.content.decode()
    assert body.count(slt.get_full_name() or slt.username) == 3
    assert body.count('<tr class="govuk-table__row">') == 4 and "Statutory returns" in body
    assert 'name="kind"' in body and 'name="year"' in body and "govuk-radios" in body
    choice = body[body.index(f'action="{reverse("casework:return_validation")}"'):]
    assert "csrfmiddlewaretoken" not in choice[:choice.index("</form>")]  # a GET form: no token in the address


@pytest.mark.django_db(transaction=True)
def test_a_return_is_built_by_a_real_worker_through_redis(assessment_team, manager, practitioner, performance):
    from tests.conftest import open_record

    assert settings.CELERY_BROKER_URL.startswith("redis://"), "make test runs against a real Redis"
    open_record(team=assessment_team, manager=manager, worker=practitioner)
    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        build = services.request_build(kind="cin_census", year=collection_year(), by=performance)
        build_return.delay(build.pk)  # delivered twice: the second run leaves the finished build alone
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and ReturnBuild.objects.get(pk=build.pk).status in ("queued", "running"):
            time.sleep(0.2)
        time.sleep(1)
    build.refresh_from_db()
    assert build.status == "done" and b"<Child>" in return_path(build).read_bytes()
    assert AuditEvent.objects.filter(action=AuditAction.BUILT_RETURN).count() == 1
